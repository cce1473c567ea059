import { error } from '@sveltejs/kit';
import { readArchive } from '$lib/server/archive/archive-entry';
import { archiveDocuments, archiveZipName } from '$lib/server/archive/archive-files';
import { requirePermission } from '$lib/server/guards';
import { goneMessage } from '$lib/server/privacy/delete-workshop';
import { translate } from '$lib/i18n';
import type { ArchiveProgressEvent } from '../progress';
import type { RequestHandler } from './$types';

/**
 * Makes a closed workshop's documentation and tells how far it is: one JSON line per file
 * (`ArchiveProgressEvent`), the last one the list of files with their sizes. The set is kept
 * (archive-cache.ts), so the downloads that follow are served at once. A stream, not a job id to
 * poll: no state to share between processes. Without JavaScript the page posts the same step as a
 * form action, and the download links work without either.
 */
export const POST: RequestHandler = async (event) => {
	requirePermission(event, 'workshop.view');
	const { db } = event.locals.services;
	const entry = await readArchive(db, event.params.id);
	if (!entry) error(404, await goneMessage(db, event.params.id, event.locals.locale));
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		async start(controller) {
			const send = (message: ArchiveProgressEvent) =>
				controller.enqueue(encoder.encode(`${JSON.stringify(message)}\n`));
			try {
				const made = await archiveDocuments(db, entry, event.params.id, (p) =>
					send({
						type: 'progress',
						name: p.name === 'zip' ? archiveZipName : p.name,
						done: p.done,
						total: p.total
					})
				);
				send({
					type: 'done',
					files: [
						...made.files.map((f) => ({ name: f.name, size: f.bytes.length })),
						{ name: archiveZipName, size: made.zip.length }
					]
				});
			} catch (failure) {
				console.error('Making the documentation failed:', failure);
				send({ type: 'error', message: translate(event.locals.locale, 'archive.progress.failed') });
			} finally {
				controller.close();
			}
		}
	});
	return new Response(body, {
		headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' }
	});
};
