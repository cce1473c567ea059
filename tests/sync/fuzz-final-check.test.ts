import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, vi } from 'vitest';
import * as Y from 'yjs';
import { addDraft } from '../../src/lib/collab/drafts';
import { syncMessage } from '../fuzz/bytes';
import { RawConnection } from '../fuzz/connection';
import { contentOf, loadFresh, storedMismatch, type RoomState } from '../fuzz/honest';
import { SyncChild } from '../fuzz/server';
import { createWorld, readerOf, type FuzzWorkshop, type Room } from '../fuzz/world';

/**
 * The fuzz run's final check (tests/fuzz/engine.ts): honest clients agree, the process is killed, a
 * fresh one must load what they hold. Once it reported a corrupt room that no rerun showed: the
 * server writes the count of waiting drafts into the control document on its own, up to 2.7 s
 * after the last draft changed, and a count stored just before the kill reached no client.
 */

function loaded(state: RoomState | { error: string }): RoomState {
	if ('error' in state) throw new Error(state.error);
	return state;
}

test('a draft count the server stored after the clients agreed is not reported as corruption', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'qw-final-check-'));
	const world = await createWorld(dir, { attacked: 1, stored: 0, honest: 1 });
	let server = await SyncChild.start({ DATABASE_URL: world.dbPath });
	try {
		const [workshop] = world.honest;
		const [control, , ownPrivate] = workshop.rooms;
		// What the control room's clients agree on: no drafts yet, so no count.
		const agreed = loaded(await loadFresh(server.url, control, workshop.observer, 30_000));
		// A participant adds a draft; the server counts it into the control document later, alone.
		const participant = new RawConnection(
			`${server.url}/${ownPrivate.name}`,
			readerOf(ownPrivate).cookie
		);
		expect(await participant.opened).toBe(true);
		const draft = new Y.Doc();
		addDraft(draft, { text: 'Entwurf', x: 0, y: 0, colour: 'pink' });
		participant.send(syncMessage(2, Y.encodeStateAsUpdate(draft)));
		// A load answers only stored state: once it shows the count, the count is stored.
		await vi.waitFor(
			async () =>
				expect(
					loaded(await loadFresh(server.url, control, workshop.observer, 30_000)).content
				).toContain('"total":1'),
			{ timeout: 20_000, interval: 100 }
		);
		await participant.end();
		await server.stop('SIGKILL');
		server = await SyncChild.start({ DATABASE_URL: world.dbPath });
		const stored = loaded(await loadFresh(server.url, control, workshop.observer, 30_000));

		// Plain equality, the check as it was, called this a corrupt room.
		expect(stored.stateVector).not.toBe(agreed.stateVector);
		expect(stored.content).not.toBe(agreed.content);
		expect(storedMismatch(control, agreed, stored, new Set([draft.clientID]))).toBeNull();
	} finally {
		await server.stop('SIGKILL');
		await world.store.dispose();
		rmSync(dir, { recursive: true, force: true });
	}
}, 90_000);

test('what honest clients wrote must still be stored exactly', () => {
	const room: Room = { name: 'w/content', kind: 'content', workshop: {} as FuzzWorkshop };
	const state = (doc: Y.Doc): RoomState => {
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
		const vector = [...Y.decodeStateVector(Y.encodeStateVector(copy))]
			.sort(([a], [b]) => a - b)
			.map(([client, clock]) => `${client}:${clock}`)
			.join(',');
		return {
			content: contentOf(copy, room),
			stateVector: vector,
			update: Y.encodeStateAsUpdate(copy)
		};
	};
	const honest = new Y.Doc();
	honest.getText('notes').insert(0, 'w1 w2 ');
	const before = state(honest);
	honest.getText('notes').insert(0, 'w3 ');
	const clients = state(honest);
	const authors = new Set([honest.clientID]);

	expect(storedMismatch(room, clients, clients, authors)).toBeNull();
	// The store lacks an insertion the clients have.
	expect(storedMismatch(room, clients, before, authors)).toMatch(/lacks/);
	// The store holds an honest edit no client has.
	expect(storedMismatch(room, before, clients, authors)).toMatch(/honest edits/);
	// The store lacks a deletion the clients have.
	honest.getText('notes').delete(0, 3);
	expect(storedMismatch(room, state(honest), clients, authors)).toMatch(/lacks/);
	// The server's own write beyond what the clients hold is fine.
	const server = new Y.Doc();
	Y.applyUpdate(server, Y.encodeStateAsUpdate(honest));
	server.getText('notes').insert(0, 'vom Server ');
	expect(storedMismatch(room, state(honest), state(server), authors)).toBeNull();
});
