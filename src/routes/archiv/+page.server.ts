import { formats } from '$lib/domain/workshop';
import { districtKey, isIsoDate, parseDistrictKey } from '$lib/domain/measures';
import {
	countQueryWords,
	maxQueryLength,
	maxQueryWords,
	queryTerms,
	snippetParts,
	type SnippetPart
} from '$lib/domain/search-text';
import { translate, type Locale } from '$lib/i18n';
import { pageSize, searchArchives, type SearchFilter } from '$lib/server/archive/search';
import type { Db } from '$lib/server/db';
import { requirePermission } from '$lib/server/guards';
import { registerOptions } from '$lib/server/register-options';
import type { PageServerLoad } from './$types';

/** Matching entries shown per workshop; the rest are counted. */
const shownHits = 3;

/**
 * The archive search (a plain GET form, so it works without JavaScript). Wrong dates are errors
 * and nothing is searched; a filter naming no known format, district or goal is left out with a
 * note, so an old link still shows a list.
 */
export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'planning.view');
	const { db } = event.locals.services;
	const locale = event.locals.locale;
	const t = (key: string, params?: Record<string, string | number>) =>
		translate(locale, key, params);
	const params = event.url.searchParams;
	const raw = (name: string, max = 100) => (params.get(name) ?? '').trim().slice(0, max);
	const fullQuery = (params.get('q') ?? '').trim();
	const values = {
		q: fullQuery.slice(0, maxQueryLength),
		format: raw('format'),
		district: raw('district', 200),
		goal: raw('goal'),
		from: raw('from', 40),
		to: raw('to', 40)
	};
	const options = await registerOptions(db);
	const errors: { field: 'q' | 'from' | 'to'; message: string }[] = [];
	const notes: string[] = [];
	const filter: SearchFilter = {};

	for (const field of ['from', 'to'] as const) {
		if (!values[field]) continue;
		if (isIsoDate(values[field])) filter[field] = values[field];
		else
			errors.push({
				field,
				message: t('archiveSearch.error.dateInvalid', { value: values[field] })
			});
	}
	if (filter.from && filter.to && filter.from > filter.to)
		errors.push({ field: 'from', message: t('archiveSearch.error.dateReversed') });
	if (values.q) {
		if (queryTerms(values.q).length === 0)
			errors.push({ field: 'q', message: t('archiveSearch.error.noWords') });
		else filter.text = values.q;
		if (fullQuery.length > maxQueryLength)
			notes.push(t('archiveSearch.note.tooLong', { n: maxQueryLength }));
		else if (countQueryWords(values.q) > maxQueryWords)
			notes.push(t('archiveSearch.note.tooManyWords', { n: maxQueryWords }));
	}
	if (values.format) {
		if ((formats as readonly string[]).includes(values.format)) filter.format = values.format;
		else notes.push(t('archiveSearch.note.unknownFormat'));
	}
	if (values.district) {
		const district = parseDistrictKey(values.district);
		if (district && options.districts.some((d) => d.key === districtKey(district)))
			filter.district = district;
		else notes.push(t('archiveSearch.note.unknownDistrict'));
	}
	if (values.goal) {
		if (options.goals.some((g) => g.id === values.goal)) filter.goalId = values.goal;
		else notes.push(t('archiveSearch.note.unknownGoal'));
	}

	const searched = Boolean(
		filter.text || filter.format || filter.district || filter.goalId || filter.from || filter.to
	);
	const base = {
		values,
		errors,
		notes,
		searched,
		formats: formats.map((format) => ({
			value: format,
			label: t(`workshop.format.${format}`)
		})),
		...options
	};
	if (errors.length) return { ...base, results: null, more: false, pageSize };

	const outcome = await searchArchives(db, filter);
	const ids = outcome.results.map((r) => r.workshopId);
	const measureRefs = outcome.results.flatMap((r) =>
		r.hits.slice(0, shownHits).flatMap((h) => (h.kind === 'measure' ? [h.ref] : []))
	);
	const [inRegister, withMeasures] = await Promise.all([
		existingMeasures(db, measureRefs),
		workshopsWithMeasures(db, ids)
	]);
	const dates = dayFormats(locale);
	return {
		...base,
		more: outcome.more,
		pageSize,
		results: outcome.results.map((r) => ({
			workshopId: r.workshopId,
			title: r.title,
			format: t(`workshop.format.${r.format}`),
			day: dates.isoDay(r.day),
			closed: dates.instant(r.closedAt),
			districts: r.districts.map((d) => d.name),
			goals: r.goals.map((g) => g.title),
			hasMeasures: withMeasures.has(r.workshopId),
			hitCount: r.hitCount,
			hits: r.hits.slice(0, shownHits).map((h) => ({
				kind: h.kind,
				where: h.kind === 'card' || h.kind === 'group' || h.kind === 'text' ? h.label : '',
				measure:
					h.kind === 'measure' && inRegister.has(h.ref) ? { id: h.ref, title: h.label } : null,
				parts: snippetParts(h.body, outcome.terms) satisfies SnippetPart[]
			}))
		}))
	};
};

function dayFormats(locale: Locale) {
	const tag = locale === 'en' ? 'en-GB' : 'de-DE';
	// An ISO day is a calendar day: read and written in UTC, so no time zone moves it.
	const calendar = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' });
	const local = new Intl.DateTimeFormat(tag, { dateStyle: 'long' });
	return {
		isoDay: (day: string) => calendar.format(new Date(`${day}T00:00:00Z`)),
		instant: (ms: number) => local.format(new Date(ms))
	};
}

const inList = (ids: string[]) => ids.map(() => '?').join(', ');

/** Which measures of the hits are still in the register (one may have been deleted since). */
async function existingMeasures(db: Db, ids: string[]): Promise<Set<string>> {
	if (!ids.length) return new Set();
	const rows = await db.all<{ id: string }>(
		`SELECT id FROM measures WHERE id IN (${inList(ids)})`,
		ids
	);
	return new Set(rows.map((r) => r.id));
}

async function workshopsWithMeasures(db: Db, ids: string[]): Promise<Set<string>> {
	if (!ids.length) return new Set();
	const rows = await db.all<{ id: string }>(
		`SELECT DISTINCT origin_workshop_id AS id FROM measures WHERE origin_workshop_id IN (${inList(ids)})`,
		ids
	);
	return new Set(rows.map((r) => r.id));
}
