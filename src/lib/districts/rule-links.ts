import { ruleQuery, type RuleSettings } from '$lib/domain/planning/rule-settings';

/**
 * The query that keeps a chosen rule in links (map, list, parent and child areas): `regel=<id>`
 * for a saved rule that is not the default, plus `ind`, `k`, `t` when tried out in the address bar.
 * Empty for the default rule, so ordinary links stay short.
 */
export function ruleLinkQuery(chosen: {
	settings: RuleSettings;
	saved: { id: string; isDefault: boolean } | null;
	adjusted: boolean;
}): string {
	const params = chosen.adjusted ? ruleQuery(chosen.settings) : new URLSearchParams();
	if (chosen.saved && (!chosen.saved.isDefault || chosen.adjusted)) {
		params.set('regel', chosen.saved.id);
	}
	return params.toString();
}

/** `/districts/<code>` with the rule query, if any. */
export function districtHref(code: string, query: string): string {
	return `/districts/${encodeURIComponent(code)}${query ? `?${query}` : ''}`;
}
