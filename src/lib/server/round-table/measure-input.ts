import type { MeasureInput } from '../../domain/measures';

/** A measure with nothing filled in yet: an action item sets title, responsible, due and status. */
export function emptyMeasureInput(): MeasureInput {
	return {
		title: '',
		description: '',
		responsible: '',
		partners: '',
		startOn: null,
		dueOn: null,
		budget: null,
		staffHours: null,
		rooms: '',
		status: 'planned',
		targetGroups: '',
		quickWin: false,
		goalIds: [],
		districts: []
	};
}
