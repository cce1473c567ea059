/**
 * A small typed description of JSON bodies: the part of JSON Schema 2020-12 that the API's checks
 * use. Each body is described once (see measure-schema.ts); the checks read their limits from that
 * description, and the OpenAPI document serves it as it is, so the two cannot drift apart.
 *
 * Every object here is plain JSON Schema; the builders only spare the repetition and keep the
 * types narrow enough that a check can read `schema.maxLength` as a number.
 */
interface Described {
	description?: string;
}

export interface StringSchema extends Described {
	type: 'string';
	/** Counted in characters (Unicode code points), as JSON Schema does. */
	minLength?: number;
	maxLength?: number;
	/** ECMA-262, not anchored unless it says so. */
	pattern?: string;
	format?: 'date';
}

export interface NumberSchema extends Described {
	type: 'number' | 'integer';
	minimum?: number;
	maximum?: number;
}

export interface BooleanSchema extends Described {
	type: 'boolean';
}

export interface EnumSchema<T extends string = string> extends Described {
	enum: readonly T[];
}

export interface ArraySchema<I extends Schema = Schema> extends Described {
	type: 'array';
	items: I;
	maxItems?: number;
}

export interface ObjectSchema<P extends Properties = Properties> extends Described {
	type: 'object';
	properties: P;
	required?: readonly (keyof P & string)[];
}

/** `null` as well as the value: JSON Schema's `type: [type, 'null']`. */
export type Nullable<S extends { type: string }> = Omit<S, 'type'> & { type: [S['type'], 'null'] };

export type Schema =
	| StringSchema
	| NumberSchema
	| BooleanSchema
	| EnumSchema
	| ArraySchema
	| ObjectSchema
	| Nullable<StringSchema>
	| Nullable<NumberSchema>
	| Nullable<ObjectSchema>;

export type Properties = { [name: string]: Schema };

export const text = (maxLength: number, extra: Omit<StringSchema, 'type' | 'maxLength'> = {}) =>
	({ type: 'string', ...extra, maxLength }) satisfies StringSchema;

export const isoDate = (extra: Described = {}) =>
	({ type: 'string', format: 'date', ...extra }) satisfies StringSchema;

export const number = (extra: Omit<NumberSchema, 'type'> = {}) =>
	({ type: 'number', ...extra }) satisfies NumberSchema;

export const integer = (extra: Omit<NumberSchema, 'type'> = {}) =>
	({ type: 'integer', ...extra }) satisfies NumberSchema;

export const boolean = (extra: Described = {}) =>
	({ type: 'boolean', ...extra }) satisfies BooleanSchema;

export const oneOf = <T extends string>(values: readonly T[], extra: Described = {}) =>
	({ enum: values, ...extra }) satisfies EnumSchema<T>;

export const list = <I extends Schema>(items: I, maxItems: number, extra: Described = {}) =>
	({ type: 'array', items, maxItems, ...extra }) satisfies ArraySchema<I>;

export const object = <P extends Properties>(
	properties: P,
	required: readonly (keyof P & string)[] = [],
	extra: Described = {}
) =>
	({
		type: 'object',
		properties,
		...(required.length ? { required } : {}),
		...extra
	}) satisfies ObjectSchema<P>;

export function nullable<S extends StringSchema | NumberSchema | ObjectSchema>(
	schema: S
): Nullable<S> {
	return { ...schema, type: [schema.type, 'null'] } as Nullable<S>;
}

/** Length as JSON Schema counts it: code points, so an emoji is one character, not two. */
export function characters(value: string): number {
	return [...value].length;
}
