import { createHash } from 'node:crypto';
import type { Db } from './db';

/**
 * The municipality's settings: its name and logo, the links to its privacy policy and imprint
 * (shown in the footer and on the join page) and a contact for accessibility feedback. One row per
 * setting in `site_settings`; an empty setting has no row.
 *
 * Everything here ends up on public pages, so it is checked hard on the way in: links must be
 * absolute http(s) (a `javascript:` or `data:` link in the footer would run in every visitor's
 * session), and the logo must really be a PNG, JPEG or WebP by its bytes. SVG is refused: it can
 * carry scripts, and the type the browser sent proves nothing.
 */

export const maxMunicipalityNameLength = 120;
export const maxUrlLength = 500;
export const maxLogoBytes = 300 * 1024;
export const logoTypes = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type LogoType = (typeof logoTypes)[number];

export interface SiteSettings {
	municipalityName: string | null;
	privacyUrl: string | null;
	imprintUrl: string | null;
	/** An e-mail address or an http(s) link. */
	accessibilityContact: string | null;
	/** The stored logo's type and a hash of its bytes (ETag, cache-busting URL); not its bytes. */
	logo: { type: LogoType; hash: string } | null;
}

export interface StoredLogo {
	type: LogoType;
	hash: string;
	bytes: Uint8Array;
}

/** What the settings form sends; `logo` only when a file was chosen. */
export interface SiteSettingsInput {
	municipalityName: string;
	privacyUrl: string;
	imprintUrl: string;
	accessibilityContact: string;
	logo?: Uint8Array | null;
}

export type SettingsField = keyof SiteSettingsInput;

export type SettingsError =
	| 'settings.error.nameTooLong'
	| 'settings.error.urlInvalid'
	| 'settings.error.urlScheme'
	| 'settings.error.urlTooLong'
	| 'settings.error.contactInvalid'
	| 'settings.error.logoType'
	| 'settings.error.logoTooLarge'
	| 'settings.error.logoBroken';

export type SettingsErrors = Partial<Record<SettingsField, SettingsError>>;

export type SaveSettingsResult =
	{ ok: true; settings: SiteSettings } | { ok: false; errors: SettingsErrors };

const textRows = ['municipalityName', 'privacyUrl', 'imprintUrl', 'accessibilityContact'] as const;
/** The logo's bytes (base64) sit in their own row, so reading the other settings never loads them. */
const logoRows = { type: 'logo.type', data: 'logo.data', hash: 'logo.hash' } as const;

export const emptySiteSettings: SiteSettings = {
	municipalityName: null,
	privacyUrl: null,
	imprintUrl: null,
	accessibilityContact: null,
	logo: null
};

function isLogoType(value: unknown): value is LogoType {
	return logoTypes.includes(value as LogoType);
}

/** All settings but the logo's bytes, in one query: cheap enough for every page's layout. */
export async function readSiteSettings(db: Db): Promise<SiteSettings> {
	const rows = await db.all<{ name: string; value: string }>(
		'SELECT name, value FROM site_settings WHERE name <> ?',
		[logoRows.data]
	);
	const stored = new Map(rows.map((row) => [row.name, row.value]));
	const text = (name: (typeof textRows)[number]) => stored.get(name) || null;
	const type = stored.get(logoRows.type);
	const hash = stored.get(logoRows.hash);
	return {
		municipalityName: text('municipalityName'),
		privacyUrl: text('privacyUrl'),
		imprintUrl: text('imprintUrl'),
		accessibilityContact: text('accessibilityContact'),
		logo: isLogoType(type) && hash ? { type, hash } : null
	};
}

/** The logo with its bytes (a fresh buffer, ready for a response body). */
export async function readLogo(
	db: Db
): Promise<(StoredLogo & { bytes: Uint8Array<ArrayBuffer> }) | null> {
	const rows = await db.all<{ name: string; value: string }>(
		'SELECT name, value FROM site_settings WHERE name IN (?, ?, ?)',
		[logoRows.type, logoRows.data, logoRows.hash]
	);
	const stored = new Map(rows.map((row) => [row.name, row.value]));
	const type = stored.get(logoRows.type);
	const data = stored.get(logoRows.data);
	const hash = stored.get(logoRows.hash);
	if (!isLogoType(type) || !data || !hash) return null;
	return { type, hash, bytes: new Uint8Array(Buffer.from(data, 'base64')) };
}

/** Checks everything first; stores all of it, or nothing when one field is refused. */
export async function saveSiteSettings(
	db: Db,
	input: SiteSettingsInput
): Promise<SaveSettingsResult> {
	const checked = checkSiteSettings(input);
	if (!checked.ok) return checked;
	const { values, logo } = checked;
	await db.transaction(async (tx) => {
		for (const name of textRows) {
			const value = values[name];
			if (value === null) await tx.run('DELETE FROM site_settings WHERE name = ?', [name]);
			else await upsert(tx, name, value);
		}
		if (logo) {
			await upsert(tx, logoRows.type, logo.type);
			await upsert(tx, logoRows.data, Buffer.from(logo.bytes).toString('base64'));
			await upsert(tx, logoRows.hash, logo.hash);
		}
	});
	return { ok: true, settings: await readSiteSettings(db) };
}

export async function removeLogo(db: Db): Promise<void> {
	await db.run('DELETE FROM site_settings WHERE name IN (?, ?, ?)', [
		logoRows.type,
		logoRows.data,
		logoRows.hash
	]);
}

function upsert(tx: Pick<Db, 'run'>, name: string, value: string) {
	return tx.run(
		`INSERT INTO site_settings (name, value) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
		[name, value]
	);
}

type CheckedSettings =
	| {
			ok: true;
			values: Record<(typeof textRows)[number], string | null>;
			logo: StoredLogo | null;
	  }
	| { ok: false; errors: SettingsErrors };

export function checkSiteSettings(input: SiteSettingsInput): CheckedSettings {
	const errors: SettingsErrors = {};
	const name = checkName(input.municipalityName);
	const privacy = checkUrl(input.privacyUrl);
	const imprint = checkUrl(input.imprintUrl);
	const contact = checkContact(input.accessibilityContact);
	const logo = input.logo?.length ? checkLogo(input.logo) : null;
	if (!name.ok) errors.municipalityName = name.error;
	if (!privacy.ok) errors.privacyUrl = privacy.error;
	if (!imprint.ok) errors.imprintUrl = imprint.error;
	if (!contact.ok) errors.accessibilityContact = contact.error;
	if (logo && !logo.ok) errors.logo = logo.error;
	if (!name.ok || !privacy.ok || !imprint.ok || !contact.ok || (logo && !logo.ok))
		return { ok: false, errors };
	return {
		ok: true,
		values: {
			municipalityName: name.value,
			privacyUrl: privacy.value,
			imprintUrl: imprint.value,
			accessibilityContact: contact.value
		},
		logo: logo?.ok ? logo.logo : null
	};
}

type Checked<E extends SettingsError> =
	{ ok: true; value: string | null } | { ok: false; error: E };

/** One line of plain text: control characters and runs of blanks become one space. */
export function checkName(raw: string): Checked<'settings.error.nameTooLong'> {
	// The raw length is looked at first, so a megabyte of text is not cleaned up before refusing it.
	if (raw.length > maxMunicipalityNameLength * 4)
		return { ok: false, error: 'settings.error.nameTooLong' };
	// Bidi overrides would let a name turn the footer's text around.
	const name = raw
		.replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	if (name.length > maxMunicipalityNameLength)
		return { ok: false, error: 'settings.error.nameTooLong' };
	return { ok: true, value: name || null };
}

/**
 * An absolute http or https address, as the URL parser reads it (which is also how the browser
 * will follow it). Relative addresses, other schemes (`javascript:`, `data:`, `file:`) and
 * addresses with a user name (`https://stadt.de@evil.example`) are refused.
 */
export function checkUrl(
	raw: string
): Checked<'settings.error.urlInvalid' | 'settings.error.urlScheme' | 'settings.error.urlTooLong'> {
	const text = raw.trim();
	if (!text) return { ok: true, value: null };
	if (text.length > maxUrlLength) return { ok: false, error: 'settings.error.urlTooLong' };
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return { ok: false, error: 'settings.error.urlInvalid' };
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:')
		return { ok: false, error: 'settings.error.urlScheme' };
	if (!url.hostname || url.username || url.password)
		return { ok: false, error: 'settings.error.urlInvalid' };
	// Stored as the parser wrote it out (punycode, escapes), which can be longer than typed.
	if (url.href.length > maxUrlLength) return { ok: false, error: 'settings.error.urlTooLong' };
	return { ok: true, value: url.href };
}

const emailPattern = /^[^\s@<>()[\]"',;:\\]+@[^\s@<>()[\]"',;:\\]+\.[^\s@<>()[\]"',;:\\]+$/;

/** An e-mail address (a leading `mailto:` is dropped) or an http(s) link. */
export function checkContact(
	raw: string
): Checked<'settings.error.contactInvalid' | 'settings.error.urlTooLong'> {
	const text = raw.trim().replace(/^mailto:/i, '');
	if (!text) return { ok: true, value: null };
	if (text.length > maxUrlLength) return { ok: false, error: 'settings.error.urlTooLong' };
	if (!/^https?:/i.test(text)) {
		if (text.length <= 254 && emailPattern.test(text)) return { ok: true, value: text };
		return { ok: false, error: 'settings.error.contactInvalid' };
	}
	const url = checkUrl(text);
	if (url.ok) return url;
	return {
		ok: false,
		error: url.error === 'settings.error.urlTooLong' ? url.error : 'settings.error.contactInvalid'
	};
}

/** How a stored contact is linked: `mailto:` for an address, the link itself otherwise. */
export function contactHref(contact: string): string {
	return /^https?:/i.test(contact) ? contact : `mailto:${contact}`;
}

export function checkLogo(bytes: Uint8Array):
	| { ok: true; logo: StoredLogo }
	| {
			ok: false;
			error:
				'settings.error.logoType' | 'settings.error.logoTooLarge' | 'settings.error.logoBroken';
	  } {
	if (bytes.length > maxLogoBytes) return { ok: false, error: 'settings.error.logoTooLarge' };
	const found = imageType(bytes);
	if (!found.ok) return found;
	const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
	return { ok: true, logo: { type: found.type, hash, bytes } };
}

type ImageCheck =
	| { ok: true; type: LogoType }
	| { ok: false; error: 'settings.error.logoType' | 'settings.error.logoBroken' };

/**
 * The image type by its bytes, and whether the file is whole: its structure is walked to the end
 * marker, so a truncated upload is refused rather than shown half. Anything without one of the
 * three signatures (SVG, HTML, a renamed file) is the wrong type.
 */
export function imageType(bytes: Uint8Array): ImageCheck {
	const starts = (signature: number[], at = 0) =>
		bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);
	const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
	const broken = { ok: false, error: 'settings.error.logoBroken' } as const;

	if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
		return wholePng(bytes) ? { ok: true, type: 'image/png' } : broken;
	if (starts([0xff, 0xd8, 0xff]))
		return wholeJpeg(bytes) ? { ok: true, type: 'image/jpeg' } : broken;
	if (starts(ascii('RIFF')) && starts(ascii('WEBP'), 8))
		return wholeWebp(bytes) ? { ok: true, type: 'image/webp' } : broken;
	return { ok: false, error: 'settings.error.logoType' };
}

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Signature, IHDR first with a non-zero size, chunk after chunk, IEND as the very last. */
function wholePng(bytes: Uint8Array): boolean {
	const data = view(bytes);
	const type = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
	if (bytes.length < 8 + 25 + 12) return false;
	if (data.getUint32(8) !== 13 || type(12) !== 'IHDR') return false;
	if (data.getUint32(16) === 0 || data.getUint32(20) === 0) return false;
	let at = 8;
	while (at + 12 <= bytes.length) {
		const length = data.getUint32(at);
		const name = type(at + 4);
		if (!/^[A-Za-z]{4}$/.test(name)) return false;
		const next = at + 12 + length;
		if (next > bytes.length) return false;
		if (name === 'IEND') return next === bytes.length;
		at = next;
	}
	return false;
}

/**
 * Marker segments up to the start of the scan, each inside the file, then the end marker last
 * (zero padding after it is tolerated; some encoders add it).
 */
function wholeJpeg(bytes: Uint8Array): boolean {
	const data = view(bytes);
	let end = bytes.length;
	while (end > 0 && bytes[end - 1] === 0) end--;
	if (end < 4 || bytes[end - 2] !== 0xff || bytes[end - 1] !== 0xd9) return false;
	let at = 2;
	let frame = false;
	while (at + 4 <= end) {
		if (bytes[at] !== 0xff) return false;
		const marker = bytes[at + 1];
		if (marker === 0xff) {
			at++; // fill byte
			continue;
		}
		if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			at += 2;
			continue;
		}
		if (marker === 0xd9) return false; // ends before any picture
		const length = data.getUint16(at + 2);
		if (length < 2 || at + 2 + length > end) return false;
		// SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC): the frame header with the image size.
		if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) frame = true;
		if (marker === 0xda) return frame && at + 2 + length < end - 2;
		at += 2 + length;
	}
	return false;
}

/** The RIFF size covers the whole file, and the first chunk is one of WebP's three kinds. */
function wholeWebp(bytes: Uint8Array): boolean {
	if (bytes.length < 20) return false;
	const size = view(bytes).getUint32(4, true);
	if (size + 8 !== bytes.length) return false;
	const chunk = String.fromCharCode(...bytes.subarray(12, 16));
	if (!['VP8 ', 'VP8L', 'VP8X'].includes(chunk)) return false;
	const chunkSize = view(bytes).getUint32(16, true);
	return 20 + chunkSize <= bytes.length;
}
