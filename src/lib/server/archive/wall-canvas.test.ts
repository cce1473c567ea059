import { afterEach, beforeEach, expect, test } from 'vitest';
import * as Y from 'yjs';
import { DocPersistence } from '../../../../server/sync/persistence';
import { createStaff, createTestWorkshop } from '../../../../tests/helpers/fixtures';
import { describeEachStore, type TestStore } from '../../../../tests/helpers/stores';
import { setPlan } from '../../collab/control';
import { documentName } from '../../collab/documents';
import { addCard, addCluster } from '../../collab/wall';
import { cardHeight, cardWidth } from '../../domain/cards';
import { zukunftswerkstattTemplate } from '../../domain/facilitation/phases';
import { framePadding, frameTitle } from '../../domain/wall-layout';
import { createAccessEvents } from '../access-events';
import type { User } from '../accounts';
import { closeWorkshop } from '../close-workshop';
import { readArchive } from './archive-entry';

describeEachStore('the canvas an archive keeps of each wall', (open) => {
	let store: TestStore;
	let facilitator: User;
	beforeEach(async () => {
		store = await open();
		await createStaff(store.db, 'admin');
		facilitator = await createStaff(store.db, 'facilitator', 'Fiona Moderation');
	});
	afterEach(() => store.dispose());

	test('holds each card where it lay, in its colour, and each group frame as drawn', async () => {
		const workshop = await createTestWorkshop(store.db, facilitator, 'Südstadt');
		const content = new Y.Doc();
		const control = new Y.Doc();
		setPlan(control, { ...zukunftswerkstattTemplate('de'), currentPhaseId: 'kritik' });
		const group = addCluster(content, { name: 'Grünflächen', board: 'kritik', x: 100, y: 50 });
		// Two groups at the same place: the later one is drawn pushed aside, and kept so.
		const other = addCluster(content, { name: 'Lärm', board: 'kritik', x: 100, y: 50 });
		const inGroup = addCard(content, {
			text: 'Mehr Bäume an der Straße',
			x: 120,
			y: 106,
			colour: 'green',
			board: 'kritik',
			cluster: group
		});
		const loose = addCard(content, {
			text: 'Zu wenig Bänke',
			x: 900,
			y: 400,
			colour: 'blue',
			board: 'kritik'
		});
		addCard(content, { text: 'Eine Vision', x: 5, y: 5, colour: 'pink', board: 'phantasie' });
		await new DocPersistence(store.db).append([
			{ doc: documentName(workshop.id, 'content'), update: Y.encodeStateAsUpdate(content) },
			{ doc: documentName(workshop.id, 'control'), update: Y.encodeStateAsUpdate(control) }
		]);
		const actor = {
			kind: 'staff',
			userId: facilitator.id,
			name: facilitator.name,
			role: 'facilitator'
		} as const;
		await closeWorkshop({ db: store.db, access: createAccessEvents() }, workshop.id, actor);

		const phases = (await readArchive(store.db, workshop.id))!.export.phases;
		const canvas = phases.find((p) => p.id === 'kritik')!.canvas!;
		const card = (id: string) => canvas.cards.find((c) => c.id === id);
		expect(card(loose)).toEqual({
			id: loose,
			x: 900,
			y: 400,
			width: cardWidth,
			height: cardHeight,
			colour: 'blue'
		});
		expect(card(inGroup)).toMatchObject({ width: cardWidth, height: cardHeight, colour: 'green' });
		expect(canvas.cards).toHaveLength(2);
		// The frame is around its card (padding, title strip); the group that came second of the
		// two at one place is drawn pushed aside, with its cards, and kept so.
		const frame = canvas.frames.find((f) => f.id === group)!;
		expect(frame).toEqual({
			id: group,
			x: card(inGroup)!.x - 20,
			y: card(inGroup)!.y - 56,
			width: 20 + cardWidth + framePadding,
			height: 56 + cardHeight + framePadding
		});
		expect(56).toBe(framePadding + frameTitle);
		const [first, second] = canvas.frames;
		expect([first.x, first.y]).toEqual([100, 50]);
		expect(second.x >= first.x + first.width || second.y >= first.y + first.height).toBe(true);
		expect(canvas.frames.map((f) => f.id).sort()).toEqual([group, other].sort());
		// The other wall keeps its own card only; a phase without a wall has no canvas.
		const fantasy = phases.find((p) => p.id === 'phantasie')?.canvas;
		expect(fantasy?.cards.map((c) => [c.x, c.y, c.colour])).toEqual([[5, 5, 'pink']]);
		expect(fantasy?.frames).toEqual([]);
		for (const phase of phases) expect(Boolean(phase.canvas)).toBe(Boolean(phase.wall));
	});
});
