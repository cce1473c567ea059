import { error } from '@sveltejs/kit';
import { readArchive } from '$lib/server/archive/archive-entry';
import { archiveDocuments, archiveZipName, downloadNames } from '$lib/server/archive/archive-files';
import { requirePermission } from '$lib/server/guards';
import { goneMessage } from '$lib/server/privacy/delete-workshop';
import { translate } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** One file of a closed workshop's documentation, or the ZIP of all of them with the manifest. */
export const GET: RequestHandler = async (event) => {
	requirePermission(event, 'workshop.view');
	const say = (key: string) => translate(event.locals.locale, key);
	const name = event.params.file;
	if (!downloadNames.includes(name)) error(404, say('archive.page.noFile'));
	const { db } = event.locals.services;
	const entry = await readArchive(db, event.params.id);
	if (!entry) error(404, await goneMessage(db, event.params.id, event.locals.locale));
	const made = await archiveDocuments(db, entry, event.params.id);
	const file =
		name === archiveZipName
			? { bytes: made.zip, mediaType: 'application/zip' }
			: made.files.find((f) => f.name === name);
	if (!file) error(404, say('archive.page.noFile'));
	return new Response(new Uint8Array(file.bytes), {
		headers: {
			'content-type': file.mediaType,
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
