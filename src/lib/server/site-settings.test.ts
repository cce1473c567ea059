import { crc32 } from 'node:zlib';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { describeEachStore, type TestStore } from '../../../tests/helpers/stores';
import {
	checkContact,
	checkLogo,
	checkName,
	checkUrl,
	contactHref,
	imageType,
	maxLogoBytes,
	readLogo,
	readSiteSettings,
	removeLogo,
	saveSiteSettings,
	type SiteSettingsInput
} from './site-settings';

/** Tiny real images (4×3 px), as Chromium's canvas encodes them. */
const png = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAYAAAC09K7GAAAAMUlEQVR4AUzIWw0AIAxD0aY+EIARVPCHS4zMzR7d15qcpLlc98VE1Ow4pC467E+IQgIAAP//duz6fgAAAAZJREFUAwC0uA1zk51DwAAAAABJRU5ErkJggg==',
	'base64'
);
const jpeg = Buffer.from(
	'/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAADAAQDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAf/xAAdEAABBQADAQAAAAAAAAAAAAABAAIDERITIVFh/8QAFQEBAQAAAAAAAAAAAAAAAAAABAb/xAAYEQEBAAMAAAAAAAAAAAAAAAABABEhMf/aAAwDAQACEQMRAD8Anc0zpuPYjGGBgxG1lge0BZ+ntERPDHKbVdt//9k=',
	'base64'
);
const webp = Buffer.from(
	'UklGRiYCAABXRUJQVlA4WAoAAAAgAAAAAwAAAgAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDggOAAAALABAJ0BKgQAAwABQCYlqAJ0AQ7+AuwA/vLnCA+Y7PyhxdegTOGRPYXQ59R3/fdh/Gdc/t51HAAA',
	'base64'
);
const svg = Buffer.from(
	'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><script>alert(1)</script></svg>'
);

function chunk(type: string, data: Buffer): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'ascii');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'ascii'), data])), 0);
	return Buffer.concat([head, data, crc]);
}

/** The small PNG with a text chunk of `extra` bytes before its end: a valid PNG of any size. */
function pngOfSize(extra: number): Buffer {
	const end = png.length - 12;
	return Buffer.concat([
		png.subarray(0, end),
		chunk('tEXt', Buffer.alloc(extra, 0x61)),
		png.subarray(end)
	]);
}

const input = (values: Partial<SiteSettingsInput> = {}): SiteSettingsInput => ({
	municipalityName: '',
	privacyUrl: '',
	imprintUrl: '',
	accessibilityContact: '',
	...values
});

test('the three image types are told by their bytes, whole files only', () => {
	expect(imageType(png)).toEqual({ ok: true, type: 'image/png' });
	expect(imageType(jpeg)).toEqual({ ok: true, type: 'image/jpeg' });
	expect(imageType(webp)).toEqual({ ok: true, type: 'image/webp' });
	// Cut off anywhere: the structure no longer reaches its end marker.
	for (const image of [png, jpeg, webp])
		for (const keep of [image.length - 1, image.length - 5, Math.floor(image.length / 2), 30])
			expect(imageType(image.subarray(0, keep)), `${keep} of ${image.length}`).toMatchObject({
				ok: false
			});
	expect(imageType(png.subarray(0, png.length - 1))).toEqual({
		ok: false,
		error: 'settings.error.logoBroken'
	});
	// Zero padding after a JPEG's end marker is tolerated; other bytes after it are not.
	expect(imageType(Buffer.concat([jpeg, Buffer.alloc(16)])).ok).toBe(true);
	expect(imageType(Buffer.concat([jpeg, Buffer.from('<svg>')])).ok).toBe(false);
	expect(imageType(Buffer.concat([png, Buffer.from('<svg>')])).ok).toBe(false);
});

test('SVG, HTML and renamed files are refused as the wrong type, whatever their name says', () => {
	expect(imageType(svg)).toEqual({ ok: false, error: 'settings.error.logoType' });
	expect(imageType(Buffer.from('<!doctype html><script>alert(1)</script>'))).toEqual({
		ok: false,
		error: 'settings.error.logoType'
	});
	expect(imageType(Buffer.from('GIF89a'))).toEqual({ ok: false, error: 'settings.error.logoType' });
	expect(imageType(new Uint8Array())).toEqual({ ok: false, error: 'settings.error.logoType' });
	// A PNG signature followed by SVG text is no PNG.
	const fakePng = Buffer.concat([png.subarray(0, 8), svg]);
	expect(imageType(fakePng)).toEqual({ ok: false, error: 'settings.error.logoBroken' });
	// SVG smuggled into a PNG's chunk is still a PNG: it is served as image/png with nosniff.
	expect(imageType(pngOfSize(10)).ok).toBe(true);
});

test('a logo may have 300 KB at most', () => {
	const fits = pngOfSize(maxLogoBytes - png.length - 12);
	expect(fits.length).toBe(maxLogoBytes);
	expect(checkLogo(fits)).toMatchObject({ ok: true, logo: { type: 'image/png' } });
	expect(checkLogo(pngOfSize(maxLogoBytes))).toEqual({
		ok: false,
		error: 'settings.error.logoTooLarge'
	});
});

test('links must be absolute http(s) addresses', () => {
	expect(checkUrl('  https://www.stadt.example/datenschutz ')).toEqual({
		ok: true,
		value: 'https://www.stadt.example/datenschutz'
	});
	expect(checkUrl('HTTP://Stadt.Example')).toEqual({ ok: true, value: 'http://stadt.example/' });
	expect(checkUrl('')).toEqual({ ok: true, value: null });
	for (const hostile of [
		'javascript:alert(1)',
		'JaVaScRiPt:alert(document.cookie)',
		' java\tscript:alert(1)',
		'data:text/html,<script>alert(1)</script>',
		'vbscript:msgbox(1)',
		'file:///etc/passwd',
		'mailto:datenschutz@stadt.example',
		'ftp://stadt.example/impressum'
	])
		expect(checkUrl(hostile), hostile).toEqual({ ok: false, error: 'settings.error.urlScheme' });
	for (const relative of [
		'/impressum',
		'impressum.html',
		'www.stadt.example/impressum',
		'//stadt.example/impressum',
		'https://',
		'https://stadt.example@evil.example/'
	])
		expect(checkUrl(relative), relative).toEqual({ ok: false, error: 'settings.error.urlInvalid' });
	const long = `https://stadt.example/${'a'.repeat(480)}`;
	expect(checkUrl(long.slice(0, 500)).ok).toBe(true);
	expect(checkUrl(`${long}xxxxx`)).toEqual({ ok: false, error: 'settings.error.urlTooLong' });
	expect(checkUrl('x'.repeat(1_000_000))).toEqual({
		ok: false,
		error: 'settings.error.urlTooLong'
	});
});

test('the accessibility contact is an e-mail address or an http(s) link', () => {
	expect(checkContact('barrierefrei@stadt.example')).toEqual({
		ok: true,
		value: 'barrierefrei@stadt.example'
	});
	expect(checkContact('mailto:barrierefrei@stadt.example')).toEqual({
		ok: true,
		value: 'barrierefrei@stadt.example'
	});
	expect(checkContact('https://stadt.example/barrierefreiheit')).toEqual({
		ok: true,
		value: 'https://stadt.example/barrierefreiheit'
	});
	for (const bad of ['javascript:alert(1)', 'barrierefrei', 'a@b', 'a b@stadt.example', '<x@y.de>'])
		expect(checkContact(bad), bad).toEqual({ ok: false, error: 'settings.error.contactInvalid' });
	expect(contactHref('barrierefrei@stadt.example')).toBe('mailto:barrierefrei@stadt.example');
	expect(contactHref('https://stadt.example/b')).toBe('https://stadt.example/b');
});

test('the name is one line of at most 120 characters', () => {
	expect(checkName('  Stadt\nMusterstadt\t ')).toEqual({ ok: true, value: 'Stadt Musterstadt' });
	expect(checkName('Stadt \u202Etdatsretsum')).toEqual({
		ok: true,
		value: 'Stadt tdatsretsum'
	});
	expect(checkName('   ')).toEqual({ ok: true, value: null });
	expect(checkName('x'.repeat(120)).ok).toBe(true);
	expect(checkName('x'.repeat(121))).toEqual({ ok: false, error: 'settings.error.nameTooLong' });
	expect(checkName('x'.repeat(1_000_000))).toEqual({
		ok: false,
		error: 'settings.error.nameTooLong'
	});
});

describeEachStore('site settings', (open) => {
	let store: TestStore;
	beforeEach(async () => {
		store = await open();
	});
	afterEach(() => store.dispose());

	test('nothing set: every setting is empty and there is no logo', async () => {
		expect(await readSiteSettings(store.db)).toEqual({
			municipalityName: null,
			privacyUrl: null,
			imprintUrl: null,
			accessibilityContact: null,
			logo: null
		});
		expect(await readLogo(store.db)).toBeNull();
	});

	test('settings and a logo are saved, changed and emptied again', async () => {
		const saved = await saveSiteSettings(
			store.db,
			input({
				municipalityName: 'Stadt Musterstadt',
				privacyUrl: 'https://www.musterstadt.example/datenschutz',
				imprintUrl: 'https://www.musterstadt.example/impressum',
				accessibilityContact: 'barrierefrei@musterstadt.example',
				logo: jpeg
			})
		);
		expect(saved).toMatchObject({
			ok: true,
			settings: {
				municipalityName: 'Stadt Musterstadt',
				privacyUrl: 'https://www.musterstadt.example/datenschutz',
				imprintUrl: 'https://www.musterstadt.example/impressum',
				accessibilityContact: 'barrierefrei@musterstadt.example',
				logo: { type: 'image/jpeg', hash: expect.stringMatching(/^[0-9a-f]{32}$/) }
			}
		});
		const logo = await readLogo(store.db);
		expect(logo?.type).toBe('image/jpeg');
		expect(Buffer.from(logo!.bytes).equals(jpeg)).toBe(true);

		// Saving again without a file keeps the logo; a new file replaces it (and its hash).
		const before = (await readSiteSettings(store.db)).logo!.hash;
		await saveSiteSettings(store.db, input({ municipalityName: 'Stadt Musterstadt' }));
		expect((await readSiteSettings(store.db)).logo?.hash).toBe(before);
		await saveSiteSettings(store.db, input({ logo: webp }));
		const replaced = await readSiteSettings(store.db);
		expect(replaced.logo).toMatchObject({ type: 'image/webp' });
		expect(replaced.logo?.hash).not.toBe(before);
		// Empty fields remove their rows.
		expect(replaced.municipalityName).toBeNull();
		expect(replaced.privacyUrl).toBeNull();
		const rows = await store.db.all<{ name: string }>('SELECT name FROM site_settings');
		expect(rows.map((r) => r.name).sort()).toEqual(['logo.data', 'logo.hash', 'logo.type']);

		await removeLogo(store.db);
		expect(await readLogo(store.db)).toBeNull();
		expect((await readSiteSettings(store.db)).logo).toBeNull();
	});

	test('one refused field stores nothing at all and names every refused field', async () => {
		await saveSiteSettings(store.db, input({ municipalityName: 'Gemeinde Alt', logo: png }));
		const refused = await saveSiteSettings(
			store.db,
			input({
				municipalityName: 'x'.repeat(500),
				privacyUrl: 'javascript:alert(document.cookie)',
				imprintUrl: '/impressum',
				accessibilityContact: 'niemand',
				logo: Buffer.concat([png.subarray(0, 8), svg])
			})
		);
		expect(refused).toEqual({
			ok: false,
			errors: {
				municipalityName: 'settings.error.nameTooLong',
				privacyUrl: 'settings.error.urlScheme',
				imprintUrl: 'settings.error.urlInvalid',
				accessibilityContact: 'settings.error.contactInvalid',
				logo: 'settings.error.logoBroken'
			}
		});
		// A valid text with a bad logo is refused as a whole too.
		expect(await saveSiteSettings(store.db, input({ municipalityName: 'Neu', logo: svg }))).toEqual(
			{ ok: false, errors: { logo: 'settings.error.logoType' } }
		);
		const kept = await readSiteSettings(store.db);
		expect(kept).toMatchObject({ municipalityName: 'Gemeinde Alt', logo: { type: 'image/png' } });
		expect(Buffer.from((await readLogo(store.db))!.bytes).equals(png)).toBe(true);
	});

	test('a stored logo of an unknown type (a tampered row) is not served', async () => {
		await saveSiteSettings(store.db, input({ logo: png }));
		await store.db.run("UPDATE site_settings SET value = 'image/svg+xml' WHERE name = 'logo.type'");
		expect(await readLogo(store.db)).toBeNull();
		expect((await readSiteSettings(store.db)).logo).toBeNull();
	});
});
