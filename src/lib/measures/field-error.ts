import type { FieldError } from '../domain/measures';
import type { MessageKey } from '../i18n';

type Say = (key: MessageKey, params?: Record<string, string | number>) => string;

/** "Fertig bis: Das Ende liegt vor dem Beginn." — every message names the field it is about. */
export function describeFieldError(say: Say, error: FieldError): string {
	return say(error.error, { field: say(`measures.field.${error.field}` as MessageKey) });
}
