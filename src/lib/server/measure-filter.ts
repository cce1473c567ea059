import { parseDateInput } from '../domain/dates';
import { isMeasureStatus, parseDistrictKey } from '../domain/measures';
import type { MeasureFilter } from './measures';

/**
 * The register's filters from query parameters (`?district=level:code&goal=…&status=…&responsible=…
 * &dueFrom=…&dueTo=…&overdue=1&workshop=…`). Unknown or malformed values are ignored, not errors:
 * a filter link that no longer matches still shows a list.
 */
export interface FilterParams {
	district: string;
	goal: string;
	status: string;
	responsible: string;
	dueFrom: string;
	dueTo: string;
	overdue: boolean;
	workshop: string;
}

export function readFilterParams(params: URLSearchParams): {
	filter: MeasureFilter;
	values: FilterParams;
} {
	const get = (name: string) => (params.get(name) ?? '').trim().slice(0, 200);
	const values: FilterParams = {
		district: get('district'),
		goal: get('goal'),
		status: get('status'),
		responsible: get('responsible'),
		dueFrom: get('dueFrom'),
		dueTo: get('dueTo'),
		overdue: ['1', 'on', 'true'].includes(get('overdue')),
		workshop: get('workshop')
	};
	const filter: MeasureFilter = {};
	const district = values.district ? parseDistrictKey(values.district) : null;
	if (district) filter.district = district;
	if (/^[a-z0-9]{1,40}$/.test(values.goal)) filter.goalId = values.goal;
	if (isMeasureStatus(values.status)) filter.status = values.status;
	if (values.responsible) filter.responsible = values.responsible;
	// A typed link may say `30.06.2026`; the filter compares ISO days.
	const dueFrom = parseDateInput(values.dueFrom);
	const dueTo = parseDateInput(values.dueTo);
	if (dueFrom) filter.dueFrom = values.dueFrom = dueFrom;
	if (dueTo) filter.dueTo = values.dueTo = dueTo;
	if (values.overdue) filter.overdue = true;
	if (/^[a-z0-9]{1,40}$/.test(values.workshop)) filter.workshopId = values.workshop;
	return { filter, values };
}
