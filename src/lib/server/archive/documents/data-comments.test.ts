import { afterEach, beforeEach, expect, test } from 'vitest';
import * as Y from 'yjs';
import { describeEachStore, type TestStore } from '../../../../../tests/helpers/stores';
import { createStaff, createTestWorkshop } from '../../../../../tests/helpers/fixtures';
import { addDataComment, dataCommentsOf } from '../../../collab/data-board';
import { dataCommentsSection } from './data-comments';

describeEachStore('data comments in the documentation', (open) => {
	let store: TestStore;
	beforeEach(async () => {
		store = await open();
	});
	afterEach(() => store.dispose());

	test('comments are listed under their indicator, by label; none gives no section', async () => {
		const staff = await createStaff(store.db, 'facilitator');
		const workshop = await createTestWorkshop(store.db, staff);
		await store.db.run(
			`INSERT INTO indicators (key, label, polarity, level, created_at)
			VALUES ('S4', 'Kinderarmut', 'higherIsWorse', 'planungsraum', 0)`
		);
		const doc = new Y.Doc();
		expect(await dataCommentsSection(store.db, workshop.id, doc)).toEqual([]);
		// Each comment a millisecond apart: comments in the same millisecond have no order of their own.
		let clock = 1_000;
		const pin = (indicator: string, text: string) => {
			const id = addDataComment(doc, {
				board: 'datenlage',
				district: 'planungsraum:1',
				indicator,
				text
			});
			dataCommentsOf(doc).get(id)?.set('createdAt', clock++);
		};
		pin('GONE', 'Zu einer Kennzahl, die es nicht mehr gibt');
		pin('S4', 'Stimmt so nicht, weil viele nicht gezählt werden');
		pin('S4', 'Die Zahl ist von 2021');
		const [section] = await dataCommentsSection(store.db, workshop.id, doc);
		expect(section).toMatchObject({ title: 'Anmerkungen zur Datenlage', kinds: ['data'] });
		expect(section.text).toEqual([
			{ kind: 'heading', text: 'Kinderarmut' },
			{ kind: 'item', text: 'Stimmt so nicht, weil viele nicht gezählt werden' },
			{ kind: 'item', text: 'Die Zahl ist von 2021' },
			{ kind: 'heading', text: 'GONE' },
			{ kind: 'item', text: 'Zu einer Kennzahl, die es nicht mehr gibt' }
		]);
	});
});
