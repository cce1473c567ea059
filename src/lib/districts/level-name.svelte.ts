import { t } from '$lib/i18n/t.svelte';
import { levelKey } from './levels';

/** "Planungsraum" for 'planungsraum'; an unknown level as the planner typed it. */
export function levelName(level: string, plural = false): string {
	const key = levelKey(level, plural);
	return key ? t(key) : level;
}
