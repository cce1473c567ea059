import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/guards';
import { isOverdue, todayIso } from '$lib/domain/measures';
import {
	goalsForDistrict,
	measuresForDistrict,
	workshopsForDistrict
} from '$lib/server/planning-links';
import { loadDistrictPage } from '$lib/server/planning/district-page';
import { translate } from '$lib/i18n';
import { loadDistrictInventory } from '$lib/server/inventory/district';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'planning.view');
	const { db } = event.locals.services;
	const lookup = await loadDistrictPage(db, event.params.code, event.url.searchParams);
	if (!lookup.found && lookup.levels.length === 0) {
		error(404, translate(event.locals.locale, 'district.notFound'));
	}
	if (!lookup.found) return { lookup, code: event.params.code, linked: null };
	// The chain of DESIGN.md §2 for this district: goals that apply, workshops, measures.
	const { code, level } = lookup.page.district;
	const today = todayIso();
	const [goals, workshops, measures] = await Promise.all([
		goalsForDistrict(db, code, level),
		workshopsForDistrict(db, code, level),
		measuresForDistrict(db, code, level)
	]);
	return {
		lookup,
		code: event.params.code,
		linked: {
			goals: goals.map((g) => ({ id: g.id, title: g.title })),
			workshops: workshops.map((w) => ({ id: w.id, title: w.title })),
			measures: measures.map((m) => ({
				id: m.id,
				title: m.title,
				status: m.status,
				overdue: isOverdue(m, today),
				via: m.via.map((a) => ({ level: a.level, code: a.code, name: a.name }))
			}))
		},
		inventory: await loadDistrictInventory(db, code, level)
	};
};
