import { invalidateAll } from '$app/navigation';
import { maxImportBytes, checkImportSize } from '$lib/domain/planning/import-size';
import type { ImportOutcome } from '$lib/domain/planning/import-events';
import { sendImport, type SendProgress } from './send-import';

/** One import form's state in the browser: the file read locally, the run, its progress and answer. */
export class ImportRun {
	progress = $state<SendProgress | null>(null);
	outcome = $state<ImportOutcome | null>(null);
	busy = $state(false);

	/**
	 * Reads the chosen file for the preview. Refuses a file over 50 MB at once, with the same message
	 * the server gives, instead of uploading it first.
	 */
	async readFile(file: File | undefined): Promise<string | null> {
		this.outcome = null;
		if (!file) return null;
		const size = checkImportSize(file.size);
		if (!size.ok) {
			this.outcome = { ok: false, errors: [{ message: size.message }] };
			return null;
		}
		// Only the start is needed to list columns of a big CSV; GeoJSON has to be read whole.
		return file.size > maxImportBytes ? null : file.text();
	}

	/**
	 * The form's submit handler: with JavaScript the file is sent with progress; buttons that name
	 * their own form action ("Datei prüfen") go there as usual.
	 */
	submitAs(kind: 'csv' | 'districts') {
		return (event: SubmitEvent) => {
			if (event.submitter?.getAttribute('formaction')) return;
			event.preventDefault();
			const data = new FormData(event.currentTarget as HTMLFormElement);
			data.set('kind', kind);
			void this.start(data);
		};
	}

	async start(form: FormData): Promise<void> {
		const file = form.get('file');
		if (file instanceof File) {
			const size = checkImportSize(file.size);
			if (!size.ok) {
				this.outcome = { ok: false, errors: [{ message: size.message }] };
				return;
			}
		}
		this.busy = true;
		this.outcome = null;
		this.progress = { phase: 'upload', done: 0, total: 1 };
		try {
			this.outcome = await sendImport(form, (progress) => (this.progress = progress));
			if (this.outcome.ok) await invalidateAll();
		} finally {
			this.busy = false;
			this.progress = null;
		}
	}
}
