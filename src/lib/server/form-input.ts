/**
 * A form as the plain object the domain checks read (the same shape the JSON API sends): repeated
 * fields (checkbox groups, multi-selects) become arrays, everything else a string.
 */
export function formToRaw(
	form: FormData,
	listFields: readonly string[] = ['goalIds', 'districts']
): Record<string, unknown> {
	const raw: Record<string, unknown> = {};
	for (const key of new Set(form.keys())) {
		const values = form.getAll(key).filter((v): v is string => typeof v === 'string');
		raw[key] = listFields.includes(key) ? values : (values[0] ?? '');
	}
	for (const key of listFields) raw[key] ??= [];
	return raw;
}
