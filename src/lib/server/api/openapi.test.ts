import { describe, expect, test } from 'vitest';
import { GET } from '../../../routes/api/v1/openapi.json/+server';
import {
	checkGoal,
	checkMeasure,
	checkProgressReport,
	limits,
	type Checked
} from '../../domain/measures';

/** The document exactly as a client downloads it. */
async function servedDocument() {
	const response = await GET({} as Parameters<typeof GET>[0]);
	return (await response.json()) as {
		paths: Record<string, Record<string, { requestBody?: { content: Record<string, Json> } }>>;
		components: { schemas: Record<string, Json> };
	};
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read back from the wire
type Json = any;

describe('the served OpenAPI document', () => {
	test('states the limits the checks refuse above', async () => {
		const { schemas } = (await servedDocument()).components;
		const measure = schemas.MeasureInput.properties;
		expect(measure.title.maxLength).toBe(limits.title);
		expect(measure.description.maxLength).toBe(limits.text);
		for (const field of ['responsible', 'partners', 'rooms', 'targetGroups'])
			expect(measure[field].maxLength, field).toBe(limits.short);
		expect(measure.budget.maximum).toBe(limits.amount);
		expect(measure.staffHours.maximum).toBe(limits.amount);
		expect(measure.goalIds.maxItems).toBe(limits.links);
		expect(measure.districts.maxItems).toBe(limits.links);
		expect(schemas.MeasureInput.required).toEqual(['title']);

		const goal = schemas.GoalInput.properties;
		expect(goal.title.maxLength).toBe(limits.title);
		expect(goal.description.maxLength).toBe(limits.text);
		expect(goal.target.properties.indicatorKey.maxLength).toBe(limits.key);
		expect(goal.target.properties.year).toMatchObject({
			minimum: limits.firstYear,
			maximum: limits.lastYear
		});

		const report = schemas.ProgressReportInput.properties;
		expect(report.note.maxLength).toBe(limits.note);
		expect(report.progress).toMatchObject({ type: 'integer', minimum: 0, maximum: 100 });
	});

	test('describes each request body by the schema its handler checks', async () => {
		const { paths } = await servedDocument();
		const bodyOf = (path: string, method: string) =>
			paths[path][method].requestBody?.content['application/json'].schema.$ref;
		expect(bodyOf('/measures', 'post')).toBe('#/components/schemas/MeasureInput');
		expect(bodyOf('/measures/{id}', 'patch')).toBe('#/components/schemas/MeasurePatch');
		expect(bodyOf('/goals', 'post')).toBe('#/components/schemas/GoalInput');
		expect(bodyOf('/goals/{id}', 'patch')).toBe('#/components/schemas/GoalPatch');
		expect(bodyOf('/measures/{id}/updates', 'post')).toBe(
			'#/components/schemas/ProgressReportInput'
		);
	});
});

/**
 * Bodies made from the served schemas alone: at each limit (allowed) and one step past it
 * (forbidden), one field at a time, the rest the smallest body the schema allows. Whatever the
 * document allows, the check must take; whatever it forbids, the check must refuse, naming the
 * field. The checks are more lenient than the document only where forms send text (numbers and
 * booleans as strings), which a schema-following client never sends.
 */
interface Probe {
	label: string;
	value: unknown;
}

const types = (schema: Json): string[] =>
	schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];

/** The i-th of distinct values the schema allows (for lists that must not repeat an entry). */
function sample(schema: Json, i = 0): unknown {
	if (schema.enum) return schema.enum[0];
	const type = types(schema)[0];
	if (type === 'string') {
		if (schema.format === 'date') return `20${String(10 + (i % 90))}-01-31`;
		return `a${i}`;
	}
	if (type === 'number' || type === 'integer') return schema.minimum ?? 0;
	if (type === 'boolean') return false;
	if (type === 'array') return [];
	if (type === 'object')
		return Object.fromEntries(
			(schema.required ?? []).map((name: string) => [name, sample(schema.properties[name], i)])
		);
	throw new Error(`no sample for ${JSON.stringify(schema)}`);
}

function probes(schema: Json): { allowed: Probe[]; forbidden: Probe[] } {
	const allowed: Probe[] = [];
	const forbidden: Probe[] = [];
	const allow = (label: string, value: unknown) => allowed.push({ label, value });
	const forbid = (label: string, value: unknown) => forbidden.push({ label, value });
	const kinds = types(schema);
	if (kinds.includes('null')) allow('null', null);
	if (schema.enum) {
		allow(`${schema.enum[0]}`, schema.enum[0]);
		forbid('a value outside the list', 'something-else');
	}
	if (kinds.includes('string')) {
		const pattern = schema.pattern ? new RegExp(schema.pattern, 'u') : null;
		const fill = (n: number, unit = 'a') => unit.repeat(n);
		if (schema.maxLength !== undefined) {
			allow('at maxLength', fill(schema.maxLength));
			forbid('one past maxLength', fill(schema.maxLength + 1));
			// JSON Schema counts characters (code points): an emoji is one, not two UTF-16 units.
			if (!pattern || pattern.test('🌳')) allow('emoji at maxLength', fill(schema.maxLength, '🌳'));
		}
		if (schema.minLength > 0) forbid('empty', '');
		if (pattern)
			for (const candidate of ['   ', 'a:b', 'Groß Buchstaben'])
				if (!pattern.test(candidate)) forbid(`not matching ${schema.pattern}`, candidate);
		if (schema.format === 'date') {
			allow('a leap day', '2028-02-29');
			forbid('a day that does not exist', '2026-02-30');
			forbid('a German date', '28.02.2026');
		}
	}
	if (kinds.includes('number') || kinds.includes('integer')) {
		if (schema.minimum !== undefined) {
			allow('at minimum', schema.minimum);
			forbid('below minimum', schema.minimum - 1);
		}
		if (schema.maximum !== undefined) {
			allow('at maximum', schema.maximum);
			forbid('above maximum', schema.maximum + 1);
		}
		if (kinds.includes('integer')) forbid('a fraction', (schema.minimum ?? 0) + 0.5);
	}
	if (kinds.includes('boolean')) allow('true', true);
	if (kinds.includes('array')) {
		const items = Array.from({ length: schema.maxItems }, (_, i) => sample(schema.items, i));
		allow('at maxItems', items);
		forbid('one past maxItems', [...items, sample(schema.items, schema.maxItems)]);
		const inner = probes(schema.items);
		for (const probe of inner.allowed) allow(`an entry ${probe.label}`, [probe.value]);
		for (const probe of inner.forbidden) forbid(`an entry ${probe.label}`, [probe.value]);
	}
	if (kinds.includes('object')) {
		const base = sample(schema) as Record<string, unknown>;
		allow('smallest', base);
		for (const name of schema.required ?? []) {
			const rest = { ...base };
			delete rest[name];
			forbid(`without ${name}`, rest);
		}
		for (const [name, field] of Object.entries(schema.properties)) {
			const inner = probes(field);
			for (const p of inner.allowed) allow(`${name} ${p.label}`, { ...base, [name]: p.value });
			for (const p of inner.forbidden) forbid(`${name} ${p.label}`, { ...base, [name]: p.value });
		}
	}
	return { allowed, forbidden };
}

const checks: [string, (body: Record<string, unknown>) => Checked<unknown>][] = [
	['MeasureInput', (body) => checkMeasure(body)],
	['GoalInput', (body) => checkGoal(body)],
	['ProgressReportInput', (body) => checkProgressReport(body, 'idea')]
];

describe.each(checks)('a %s body', (name, check) => {
	test('the document allows is accepted, and one it forbids is refused, naming the field', async () => {
		const schema = (await servedDocument()).components.schemas[name];
		const { allowed, forbidden } = probes(schema);
		expect(forbidden.length).toBeGreaterThan(5);
		for (const probe of allowed) {
			const result = check(probe.value as Record<string, unknown>);
			expect(result.ok ? 'accepted' : result.error, probe.label).toBe('accepted');
		}
		for (const probe of forbidden) {
			const result = check(probe.value as Record<string, unknown>);
			expect(result.ok, `${probe.label} must be refused`).toBe(false);
			// "title one past maxLength", "without title", "target without year" (field targetYear).
			const [first, second] = probe.label.split(' ');
			const field = first === 'without' ? second : first;
			if (!result.ok) expect(result.error.field, probe.label).toMatch(new RegExp(`^${field}`));
		}
	});
});
