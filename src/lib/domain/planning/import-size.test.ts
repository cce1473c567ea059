import { describe, expect, test } from 'vitest';
import { checkImportSize, maxImportBytes } from './import-size';

describe('checkImportSize', () => {
	test('accepts files up to 50 MB and refuses larger ones in plain German', () => {
		expect(checkImportSize(72_356)).toEqual({ ok: true });
		expect(checkImportSize(maxImportBytes)).toEqual({ ok: true });
		expect(checkImportSize(maxImportBytes + 1)).toEqual({
			ok: false,
			code: 'tooLarge',
			message: 'Die Datei ist 50,1 MB groß. Erlaubt sind höchstens 50 MB.'
		});
		expect(checkImportSize(120 * 1024 * 1024)).toMatchObject({
			message: 'Die Datei ist 120 MB groß. Erlaubt sind höchstens 50 MB.'
		});
	});

	test('refuses an empty file', () => {
		expect(checkImportSize(0)).toEqual({
			ok: false,
			code: 'empty',
			message: 'Die Datei ist leer.'
		});
	});
});
