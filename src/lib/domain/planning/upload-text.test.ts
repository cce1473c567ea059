import { expect, test } from 'vitest';
import { decodeUpload } from './upload-text';

test('a Windows-1252 export is read with a warning; UTF-8 with BOM is read as it is', () => {
	const excel = decodeUpload(new Uint8Array([0x53, 0x74, 0xfc, 0x6c]));
	expect(excel.text).toBe('Stül');
	expect(excel.warnings[0]).toMatch(/Windows-1252/);
	const withBom = decodeUpload(new TextEncoder().encode('\uFEFFZEIT,PLR_ID'));
	expect(withBom.warnings).toEqual([]);
	expect(withBom.text.endsWith('ZEIT,PLR_ID')).toBe(true);
});
