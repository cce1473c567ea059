import type { PageLoad } from './$types';

/**
 * The results of a closed workshop are a large component the live room never shows: it is loaded
 * only for a closed workshop (here, so that the server still renders it into the page).
 */
export const load: PageLoad = async ({ data }) => ({
	...data,
	ClosedResults: data.results ? (await import('$lib/results/ClosedResults.svelte')).default : null
});
