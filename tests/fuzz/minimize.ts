import { syncMessage } from './bytes';
import { RawConnection } from './connection';
import { openRoom, roundTrip } from './rooms';
import type { SyncChild } from './server';
import type { Sent } from './session';
import { writeStored, type StoredDocument } from './stored';
import type { Room, World } from './world';

/**
 * Tracing a crash back to its cause: the messages of the seconds before it, or the rows of a
 * document that crashes the process when loaded, are replayed in halves on a fresh process until
 * one message (or row) is left that crashes it on its own.
 */
export interface Lab {
	world: World;
	/** A fresh process (the previous one stopped first). */
	restart(): Promise<SyncChild>;
	current(): SyncChild | null;
	/** Stops the process, so the store can be changed. */
	stop(): Promise<void>;
	/** Wall-clock end of the time allowed for tracing. */
	deadline: number;
	log(line: string): void;
}

/** Whether the process died: after a failed round trip its exit may lag the socket's close. */
async function died(server: SyncChild, lab: Lab): Promise<boolean> {
	if (!server.alive) return true;
	// The probe workshop's second private document: loaded alone (no control room), never a suspect.
	const probe = lab.world.probe;
	const answered = await roundTrip(server.url, probe.rooms[3], probe.participants[1], 10_000);
	if (answered && server.alive) return false;
	const exited = await Promise.race([
		server.exited.then(() => true),
		new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5000))
	]);
	return exited || !server.alive;
}

/** Replays each message on its own connection (same role and room); true if the process died. */
async function replayCrashes(lab: Lab, group: Sent[]): Promise<boolean> {
	const crashed = await replay(lab, group);
	lab.log(
		`  tracing: ${group.length} message(s) replayed, process ${crashed ? 'crashed' : 'lives'}`
	);
	return crashed;
}

async function replay(lab: Lab, group: Sent[]): Promise<boolean> {
	let server = lab.current();
	if (!server?.alive) server = await lab.restart();
	for (let i = 0; i < group.length && server.alive; i += 40) {
		await Promise.all(
			group.slice(i, i + 40).map(async (sent) => {
				const cookie = sent.target.cookie ?? sent.target.actor?.cookie;
				const connection = new RawConnection(`${server!.url}/${sent.target.room}`, cookie);
				if (await connection.opened) {
					// The answer to a sync step 1 waits for the room's pending writes, as an answer to
					// the candidate does: if the candidate kills the process, this never comes.
					const before = connection.syncReplies;
					connection.send(sent.bytes);
					connection.send(syncMessage(0, new Uint8Array([0])));
					await connection.barrier(before, 10_000, () => connection.syncReplies);
				}
				await connection.end();
			})
		);
	}
	return died(server, lab);
}

/**
 * The one message among `candidates` (newest first) that crashes a process on its own; null when
 * none does, or only several together do, or time ran out.
 */
export async function findCrashingMessage(lab: Lab, candidates: Sent[]): Promise<Sent | null> {
	let group = candidates;
	if (!(await replayCrashes(lab, group))) return null;
	while (group.length > 1 && Date.now() < lab.deadline) {
		const half = group.slice(0, Math.ceil(group.length / 2));
		const rest = group.slice(half.length);
		if (await replayCrashes(lab, half)) group = half;
		else if (await replayCrashes(lab, rest)) group = rest;
		else return null;
	}
	return group.length === 1 ? group[0] : null;
}

/** Writes `rows` as the probe document of the room's kind, starts a process, opens it. */
export async function loadCrashes(lab: Lab, kind: Room['kind'], rows: StoredDocument) {
	const crashed = await load(lab, kind, rows);
	const count = rows.updates.length + (rows.snapshot ? 1 : 0);
	lab.log(`  tracing: ${count} stored row(s) loaded, process ${crashed ? 'crashed' : 'lives'}`);
	return crashed;
}

async function load(lab: Lab, kind: Room['kind'], rows: StoredDocument) {
	const room = lab.world.probe.rooms.find((r) => r.kind === kind)!;
	await lab.stop();
	await writeStored(lab.world.db, room.name, rows);
	const server = await lab.restart();
	const reader =
		kind === 'private'
			? lab.world.probe.participants.find((p) => room.name.endsWith(`/${p.participantId}`))!
			: lab.world.probe.facilitator;
	const { connection } = await openRoom(server.url, room, reader, 20_000);
	await connection.end();
	const crashed = await died(server, lab);
	// Leave the probe empty for the next test.
	await lab.stop();
	await writeStored(lab.world.db, room.name, { snapshot: null, updates: [] });
	return crashed;
}

/**
 * The single stored row (or the snapshot) that crashes a fresh process loading a document of this
 * kind; null when the rows crash it only together, or not at all in the probe.
 */
export async function findCrashingRow(
	lab: Lab,
	kind: Room['kind'],
	stored: StoredDocument
): Promise<{ snapshot: boolean; row: Uint8Array } | null> {
	if (stored.snapshot && (await loadCrashes(lab, kind, { ...stored, updates: [] })))
		return { snapshot: true, row: stored.snapshot };
	let rows = stored.updates;
	if (!rows.length || !(await loadCrashes(lab, kind, { ...stored, snapshot: null, updates: rows })))
		return null;
	while (rows.length > 1 && Date.now() < lab.deadline) {
		const half = rows.slice(0, Math.ceil(rows.length / 2));
		const rest = rows.slice(half.length);
		if (await loadCrashes(lab, kind, { ...stored, snapshot: null, updates: half })) rows = half;
		else if (await loadCrashes(lab, kind, { ...stored, snapshot: null, updates: rest }))
			rows = rest;
		else return null;
	}
	return rows.length === 1 ? { snapshot: false, row: rows[0] } : null;
}
