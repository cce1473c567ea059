import { error, fail } from '@sveltejs/kit';
import { exportForDocuments, readArchive } from '$lib/server/archive/archive-entry';
import {
	archiveDocuments,
	archiveZipName,
	downloadNames,
	storedManifest,
	verifyZip
} from '$lib/server/archive/archive-files';
import { describeArchive } from '$lib/server/archive/documents/documentation';
import { wallPictureAlt } from '$lib/server/archive/documents/wall-image';
import { requirePermission } from '$lib/server/guards';
import { goneMessage } from '$lib/server/privacy/delete-workshop';
import { readSiteSettings } from '$lib/server/site-settings';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Largest ZIP the check takes: the documentation of a big workshop is a few MB. */
const maxZipBytes = 50 * 1024 * 1024;

async function loadEntry(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const entry = await readArchive(event.locals.services.db, event.params.id);
	if (!entry)
		error(404, await goneMessage(event.locals.services.db, event.params.id, event.locals.locale));
	return entry;
}

/** The Dokumentation as a page (printable), its downloads and the check of a copy's hashes. */
export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'workshop.view');
	const entry = await loadEntry(event);
	const { db } = event.locals.services;
	// The page shows what the files show. The logo travels by URL (`/logo`), so its bytes are not
	// read here, and `t` stays on the server.
	const settings = await readSiteSettings(db);
	const full = describeArchive(exportForDocuments(entry.export), {
		municipalityName: settings.municipalityName,
		logo: null,
		locale: event.locals.locale,
		// After a name was removed: the date the documentation was made again, as the files say.
		...(entry.regeneratedAt === null ? {} : { generatedAt: new Date(entry.regeneratedAt) })
	});
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { t, logo, ...documentation } = full;
	return {
		documentation,
		/** The alt text of each wall's picture, as the PDF has it. */
		pictureAlts: Object.fromEntries(
			full.phases.flatMap((p) => (p.wall?.canvas ? [[p.id, wallPictureAlt(full, p, p.wall)]] : []))
		) as Record<string, string>,
		hasLogo: settings.logo !== null,
		downloads: downloadNames,
		manifest: await storedManifest(db, event.params.id)
	};
};

export const actions: Actions = {
	/**
	 * "Dokumentation erstellen" without JavaScript: makes every file (kept in memory, so the
	 * downloads that follow are served at once) and answers when they are ready. With JavaScript
	 * the page asks `erstellen/` instead, which reports each file as it is done.
	 */
	prepare: async (event) => {
		requirePermission(event, 'workshop.view');
		const entry = await loadEntry(event);
		const made = await archiveDocuments(event.locals.services.db, entry, event.params.id);
		return {
			prepared: [
				...made.files.map((f) => ({ name: f.name, size: f.bytes.length })),
				{ name: archiveZipName, size: made.zip.length }
			]
		};
	},
	/** Checks an uploaded ZIP, or with none, freshly made files, against the stored manifest. */
	verify: async (event) => {
		requirePermission(event, 'workshop.view');
		const entry = await loadEntry(event);
		const { db } = event.locals.services;
		const say = (key: string, params?: Record<string, string | number>) =>
			translate(event.locals.locale, key, params);
		const upload = (await event.request.formData()).get('zip');
		const made = await archiveDocuments(db, entry, event.params.id);
		const stored = (await storedManifest(db, event.params.id)) ?? made.manifest;
		let zip = made.zip;
		if (upload instanceof File && upload.size > 0) {
			if (upload.size > maxZipBytes)
				return fail(413, { verified: false, message: say('archive.verify.tooLarge') });
			zip = new Uint8Array(await upload.arrayBuffer());
		}
		const check = verifyZip(zip, stored);
		if (check.ok) return { verified: true, message: say('archive.verify.ok', { n: check.files }) };
		return fail(400, {
			verified: false,
			message:
				check.reason === 'changed'
					? say('archive.verify.changed', { names: check.names.join(', ') })
					: say(`archive.verify.${check.reason}`)
		});
	}
};
