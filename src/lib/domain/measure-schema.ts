import { boolean, integer, isoDate, list, nullable, number, object, oneOf, text } from './schema';

/**
 * The bodies of goals, measures and progress reports as the JSON API takes them: one description
 * each, which the checks in measures.ts read their limits from and the OpenAPI document serves.
 * Forms send the same fields as strings; the checks accept those too (see measures.ts), so the
 * description is what a JSON client may rely on, not everything a check lets through.
 */

export const measureStatuses = ['idea', 'planned', 'in_progress', 'done', 'dropped'] as const;
export type MeasureStatus = (typeof measureStatuses)[number];

export const goalLevels = ['leitbild', 'strategic', 'operative'] as const;
export type GoalLevel = (typeof goalLevels)[number];

export const goalStatuses = ['active', 'achieved', 'dropped'] as const;
export type GoalStatus = (typeof goalStatuses)[number];

export const limits = {
	title: 200,
	text: 5000,
	short: 500,
	note: 2000,
	links: 100,
	/** Budgets in euros; above a billion is a typo, not a measure. */
	amount: 1e9,
	/** A district's level or code, an indicator key. */
	key: 100,
	/** Target years: planning horizons, not history or science fiction. */
	firstYear: 1990,
	lastYear: 2100
} as const;

/** Row ids as the server makes them (see $lib/ids); older rows have shorter ones. */
export const idPattern = '^[a-z0-9]{1,40}$';

/** Texts are trimmed first; a title must keep something that is not white space. */
const title = text(limits.title, { minLength: 1, pattern: '\\S' });

/** Identity in the districts table. The level cannot hold ':', which separates it in `level:code`. */
export const districtKeySchema = object(
	{
		level: text(limits.key, { minLength: 1, pattern: '^[^:]*$' }),
		code: text(limits.key, { minLength: 1 })
	},
	['level', 'code']
);

const districts = list(districtKeySchema, limits.links, { description: 'a repeat counts once' });

export const measureBody = object(
	{
		title,
		description: text(limits.text),
		responsible: text(limits.short),
		partners: text(limits.short),
		startOn: nullable(isoDate()),
		dueOn: nullable(isoDate({ description: 'not before startOn' })),
		budget: nullable(number({ minimum: 0, maximum: limits.amount, description: 'euros' })),
		staffHours: nullable(number({ minimum: 0, maximum: limits.amount })),
		rooms: text(limits.short),
		status: oneOf(measureStatuses, {
			description: 'default idea; a change must follow the status transitions'
		}),
		targetGroups: text(limits.short),
		quickWin: boolean(),
		goalIds: list(text(40, { pattern: idPattern }), limits.links),
		districts
	},
	['title']
);

export const goalTargetSchema = nullable(
	object(
		{
			indicatorKey: text(limits.key, { minLength: 1 }),
			value: number(),
			year: integer({ minimum: limits.firstYear, maximum: limits.lastYear })
		},
		['indicatorKey', 'value', 'year']
	)
);

export const goalBody = object(
	{
		title,
		description: text(limits.text),
		level: oneOf(goalLevels),
		parentId: nullable(
			text(40, {
				pattern: idPattern,
				description: 'required for strategic (parent: leitbild) and operative (parent: strategic)'
			})
		),
		status: oneOf(goalStatuses, { description: 'default active' }),
		citywide: boolean({ description: 'not together with districts' }),
		districts,
		target: goalTargetSchema
	},
	['title', 'level']
);

export const progressReportBody = object(
	{
		reportedOn: isoDate({ description: 'not in the future' }),
		progress: integer({ minimum: 0, maximum: 100, description: 'percent' }),
		status: oneOf(measureStatuses, {
			description: 'default: the current status; a change must follow the status transitions'
		}),
		note: text(limits.note),
		dueOn: nullable(
			isoDate({
				description:
					'moves the due date (not before startOn); needs dueReason when it differs from the current one'
			})
		),
		dueReason: text(limits.short, { description: 'why the due date moves' })
	},
	['reportedOn', 'progress']
);
