import type { FieldError } from './measures';
import type { MessageKey } from '../i18n';

type Say = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * "Fertig bis: Das Ende liegt vor dem Beginn." — every message names the field it is about, and,
 * where the check knows it, the limit, the unknown entry or the statuses that may follow. Without
 * those details the plain message of the code is used, so older callers still read well.
 */
export function describeFieldError(say: Say, error: FieldError): string {
	const field = say(`measures.field.${error.field}` as MessageKey);
	const { max, item, from, allowed } = error.params ?? {};
	if (error.error === 'measures.error.tooLong' && max !== undefined)
		return say('measures.error.tooLongMax', { field, max });
	if (error.error === 'measures.error.listInvalid' && item !== undefined)
		return say('measures.error.listUnknown', { field, item });
	if (error.error === 'measures.error.statusTransition' && from && allowed?.length) {
		const status = (s: string) =>
			say('measures.error.quoted', { text: say(`measures.status.${s}` as MessageKey) });
		const names = allowed.map(status);
		const last = names.pop() as string;
		return say('measures.error.statusTransitionFrom', {
			field,
			from: say(`measures.status.${from}` as MessageKey),
			allowed: names.length ? say('measures.error.or', { list: names.join(', '), last }) : last
		});
	}
	return say(error.error, { field, ...(max === undefined ? {} : { max }) });
}
