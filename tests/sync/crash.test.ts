import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { documentName } from '../../src/lib/collab/documents';
import { addCard, readCards } from '../../src/lib/collab/wall';
import { createStaff, createTestWorkshop, joinAsGuest } from '../helpers/fixtures';
import { spawnSyncProcess } from '../helpers/process';
import { openSqliteStore, type TestStore } from '../helpers/stores';
import { connectClient, eventually } from '../helpers/sync';

/**
 * SIGKILL during an edit storm: every edit the server acknowledged as stored must be there after a
 * restart. CI runs CRASH_ROUNDS (default 10); the soak script runs many more.
 */
const rounds = Number(process.env.CRASH_ROUNDS ?? 10);
let dir: string;
let store: TestStore;
let content: string;
const cookies: string[] = [];

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'qw-crash-'));
	store = await openSqliteStore(dir);
	const facilitator = await createStaff(store.db, 'facilitator');
	const workshop = await createTestWorkshop(store.db, facilitator);
	content = documentName(workshop.id, 'content');
	for (let i = 0; i < 3; i++)
		cookies.push(
			`__Host-qw_guest=${(await joinAsGuest(store.db, workshop, facilitator)).sessionToken}`
		);
});

afterAll(async () => {
	await store.dispose();
	rmSync(dir, { recursive: true, force: true });
});

test(
	`no acknowledged edit is lost when the server is killed mid-storm (${rounds} rounds)`,
	async () => {
		const env = { DATABASE_URL: join(dir, 'store.sqlite') };
		let lost = 0;
		let acknowledged = 0;
		for (let round = 0; round < rounds; round++) {
			const server = await spawnSyncProcess(env);
			const writers = cookies.map((cookie) =>
				connectClient(server.url, content, cookie, { ack: true })
			);
			await Promise.all(writers.map((w) => w.synced()));
			// Each writer remembers, per card, its own clock right after writing it.
			const written = writers.map(() => [] as { id: string; clock: number }[]);
			const storm = setInterval(() => {
				writers.forEach((w, i) => {
					for (let k = 0; k < 5; k++) {
						const id = addCard(w.doc, {
							text: `r${round} w${i}`,
							x: k,
							y: round,
							colour: 'yellow'
						});
						written[i].push({ id, clock: w.ownClock() });
					}
				});
			}, 5);
			const ackedSoFar = () =>
				writers.flatMap((w, i) =>
					written[i].filter((c) => c.clock <= w.storedClock()).map((c) => c.id)
				);
			// Killed at a random point of the storm: once a random number of cards is acknowledged.
			const target = 11 + Math.floor(Math.random() * 60);
			await eventually(() => expect(ackedSoFar().length).toBeGreaterThanOrEqual(target), 10_000);
			await server.kill('SIGKILL');
			clearInterval(storm);
			const acked = ackedSoFar();
			for (const w of writers) w.destroy();
			acknowledged += acked.length;

			const restarted = await spawnSyncProcess(env);
			const reader = connectClient(restarted.url, content, cookies[0]);
			await reader.synced();
			const present = new Set(readCards(reader.doc).map((c) => c.id));
			lost += acked.filter((id) => !present.has(id)).length;
			reader.destroy();
			await restarted.kill('SIGTERM');
		}
		expect(acknowledged).toBeGreaterThan(rounds * 10);
		expect(lost).toBe(0);
	},
	60_000 + rounds * 10_000
);
