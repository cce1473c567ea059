/**
 * Sends an import form to /districts/import/run and reports both halves of the wait: the upload
 * (bytes sent) and then the server's steps, read line by line from the streamed answer. XHR rather
 * than fetch because only XHR reports upload progress.
 */
import type { ImportEvent, ImportOutcome } from '$lib/domain/planning/import-events';

export type SendProgress =
	{ phase: 'upload'; done: number; total: number } | Extract<ImportEvent, { type: 'progress' }>;

export function sendImport(
	form: FormData,
	onProgress: (progress: SendProgress) => void
): Promise<ImportOutcome> {
	return new Promise((resolve) => {
		const xhr = new XMLHttpRequest();
		let read = 0;
		let outcome: ImportOutcome | null = null;
		const readLines = () => {
			const text = xhr.responseText;
			let end: number;
			while ((end = text.indexOf('\n', read)) !== -1) {
				const line = text.slice(read, end);
				read = end + 1;
				if (!line.trim()) continue;
				try {
					const event = JSON.parse(line) as ImportEvent;
					if (event.type === 'result') outcome = event.outcome;
					else onProgress({ ...event, type: 'progress' });
				} catch {
					// A line that is not JSON is not ours (a proxy's error page); the status says the rest.
				}
			}
		};
		const failed = (message: string): ImportOutcome => ({ ok: false, errors: [{ message }] });
		xhr.upload.onprogress = (event) => {
			if (event.lengthComputable) {
				onProgress({ phase: 'upload', done: event.loaded, total: event.total });
			}
		};
		xhr.onprogress = readLines;
		xhr.onload = () => {
			readLines();
			if (outcome) resolve(outcome);
			else if (xhr.status === 413) {
				resolve(failed('Die Datei ist größer als 50 MB. Erlaubt sind höchstens 50 MB.'));
			} else {
				resolve(failed(`Der Server hat die Datei nicht angenommen (Status ${xhr.status}).`));
			}
		};
		xhr.onerror = () =>
			resolve(failed('Keine Verbindung zum Server. Bitte prüfen Sie die Verbindung.'));
		xhr.open('POST', '/districts/import/run');
		xhr.send(form);
	});
}
