import { fail } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/guards';
import { listIndicators } from '$lib/server/planning/indicators';
import { listLevels } from '$lib/server/planning/districts';
import { listRollupSettings, saveRollupSettings } from '$lib/server/planning/rollup';
import { readRollupMethod, type RollupSetting } from '$lib/domain/planning/rollup';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'planning.manage');
	const { db } = event.locals.services;
	const [indicators, settings, levels] = await Promise.all([
		listIndicators(db),
		listRollupSettings(db),
		listLevels(db)
	]);
	return {
		indicators: indicators.map((i) => ({ key: i.key, label: i.label, unit: i.unit })),
		settings,
		levels
	};
};

export const actions: Actions = {
	/** One row per indicator: `method:<key>` and `weight:<key>`. Checked first, then all or nothing. */
	default: async (event) => {
		requirePermission(event, 'planning.manage');
		const { db } = event.locals.services;
		const form = await event.request.formData();
		const known = new Set((await listIndicators(db)).map((i) => i.key));
		const settings: RollupSetting[] = [];
		const problems: string[] = [];
		for (const key of known) {
			const method = readRollupMethod(String(form.get(`method:${key}`) ?? 'none')) ?? 'none';
			const weight = String(form.get(`weight:${key}`) ?? '').trim();
			if (method === 'weightedMean' && !known.has(weight)) {
				problems.push(`Bitte wählen Sie für „${key}“, womit gewichtet wird.`);
				continue;
			}
			settings.push({
				indicatorKey: key,
				method,
				weightKey: method === 'weightedMean' ? weight : null
			});
		}
		if (problems.length > 0) return fail(400, { errors: problems, areas: [] as string[] });
		const outcome = await saveRollupSettings(db, settings);
		if (!outcome.ok) {
			return fail(400, {
				errors: outcome.errors.map((e) => `${e.period}: ${e.message}`),
				areas: outcome.errors.flatMap((e) => e.areas)
			});
		}
		return { saved: outcome.values };
	}
};
