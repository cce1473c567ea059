/** One line of the documentation's progress stream (`erstellen/+server.ts`). */
export type ArchiveProgressEvent =
	| { type: 'progress'; name: string; done: number; total: number }
	| { type: 'done'; files: { name: string; size: number }[] }
	| { type: 'error'; message: string };
