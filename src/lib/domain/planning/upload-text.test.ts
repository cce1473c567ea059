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

test('Windows-1252 dashes, ellipsis, euro and German quotes arrive as themselves, not as controls', () => {
	// ü ; – ; … ; € ; „ “ ; ’ ; Ÿ — the en dash is the "nothing" mark of statistics offices.
	const bytes = [
		0xfc, 0x3b, 0x96, 0x3b, 0x85, 0x3b, 0x80, 0x3b, 0x84, 0x93, 0x3b, 0x92, 0x3b, 0x9f
	];
	expect(decodeUpload(new Uint8Array(bytes)).text).toBe('ü;–;…;€;„“;’;Ÿ');
	// The five bytes without a character stay what the standard says: C1 controls.
	expect(decodeUpload(new Uint8Array([0xfc, 0x81, 0x8d, 0x8f, 0x90, 0x9d])).text).toBe(
		'ü\u0081\u008D\u008F\u0090\u009D'
	);
});
