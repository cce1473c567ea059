import { requirePermission } from '$lib/server/guards';
import type { ImportEvent } from '$lib/domain/planning/import-events';
import { readUpload, runDistrictUpload, runIndicatorUpload } from '$lib/server/planning/uploads';
import type { RequestHandler } from './$types';

/**
 * The import with progress: the page posts the same form as the form actions, and this answers with
 * one JSON line per step (`ImportEvent`), the last one the outcome. A stream, not a job id to poll,
 * so it needs no server-side state and works behind a load balancer with several processes.
 */
export const POST: RequestHandler = async (event) => {
	const actor = requirePermission(event, 'planning.manage');
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		async start(controller) {
			const send = (message: ImportEvent) =>
				controller.enqueue(encoder.encode(`${JSON.stringify(message)}\n`));
			try {
				const read = await readUpload(event.request);
				if (!read.ok) {
					send({ type: 'result', outcome: read });
					return;
				}
				// A macrotask between batches lets the line reach the socket before the next batch.
				const progress = async (message: ImportEvent) => {
					send(message);
					await new Promise((done) => setImmediate(done));
				};
				const { db } = event.locals.services;
				const outcome =
					read.form.get('kind') === 'csv'
						? await runIndicatorUpload(db, read.form, read.file, actor.userId, progress)
						: await runDistrictUpload(db, read.form, read.file, actor.userId, progress);
				send({ type: 'result', outcome });
			} catch (error) {
				console.error('Import failed:', error);
				send({
					type: 'result',
					outcome: {
						ok: false,
						errors: [
							{
								message:
									'Der Import ist an einem unerwarteten Fehler gescheitert. Es wurde nichts ' +
									'geändert. Bitte versuchen Sie es noch einmal.'
							}
						]
					}
				});
			} finally {
				controller.close();
			}
		}
	});
	return new Response(body, {
		headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' }
	});
};
