import { t } from '$lib/i18n/t.svelte';
import type { ComputedHow } from '$lib/domain/planning/rollup';
import { levelName } from './level-name.svelte';

/** "berechnet aus den Werten der Ebene „Planungsraum“, gewichtet mit „Einwohner“" in plain words. */
export function computedText(how: ComputedHow | null | undefined): string {
	if (!how || how.fromLevel === null) return t('computed.fromBelow');
	const from = levelName(how.fromLevel);
	return how.method === 'sum'
		? t('computed.sum', { from })
		: t('computed.mean', { from, weight: how.weightLabel ?? how.weightKey ?? '' });
}
