import { beforeAll, expect, test } from 'vitest';
import { loadAllLocales } from '$lib/i18n';
import { failure } from './workshop-requests';

beforeAll(loadAllLocales);

test('a refused live-room request is said as the asker reads: Einfache Sprache when chosen', async () => {
	const said = async (reader: Parameters<typeof failure>[0]) =>
		((await failure(reader, 'live.badRequest').json()) as { message: string }).message;
	expect(await said({ locale: 'de', simple: false })).toBe(
		'Die Anfrage war unvollständig. Bitte laden Sie die Seite neu.'
	);
	expect(await said({ locale: 'de', simple: true })).toBe(
		'Das hat nicht geklappt. Bitte laden Sie die Seite neu.'
	);
	expect(await said({ locale: 'en', simple: true })).toBe(
		'That did not work. Please load the page again.'
	);
	// No simple texts in Turkish: the usual Turkish text.
	expect(await said({ locale: 'tr', simple: true })).toBe(
		await said({ locale: 'tr', simple: false })
	);
	expect(failure({ locale: 'de', simple: true }, 'vote.closed', 409).status).toBe(409);
});
