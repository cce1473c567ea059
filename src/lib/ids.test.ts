import { expect, test } from 'vitest';
import { parseDocumentName } from './collab/documents';
import { newId, newSecret, newToken } from './ids';

test('ids are 16 lower-case letters and digits and do not repeat', () => {
	const ids = Array.from({ length: 10_000 }, newId);
	for (const id of ids) expect(id).toMatch(/^[a-z2-7]{16}$/);
	expect(new Set(ids).size).toBe(ids.length);
});

test('an id names a workshop document and a private document without escaping', () => {
	const [workshop, participant] = [newId(), newId()];
	expect(parseDocumentName(`${workshop}/private/${participant}`)).toMatchObject({
		workshopId: workshop,
		owner: participant
	});
});

test('tokens carry 160 bits in 32 URL-safe characters, secrets 256 bits in hex', () => {
	expect(newToken()).toMatch(/^[a-z2-7]{32}$/);
	expect(newSecret()).toMatch(/^[0-9a-f]{64}$/);
	expect(newToken()).not.toBe(newToken());
	expect(newSecret()).not.toBe(newSecret());
});
