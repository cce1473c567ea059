import { deflateSync } from 'node:zlib';
import {
	cardsLabel,
	dotsLabel,
	type DocCanvas,
	type DocPhase,
	type DocWall,
	type Documentation
} from './documentation';

/**
 * A wall's canvas as an image for the DOCX: an SVG with the frames, titles, cards, their text and
 * dots (Word 2016 and later, LibreOffice show it), and a PNG beside it for programs that cannot
 * show SVG (Word requires one). The PNG is drawn here pixel by pixel, without a font: the same
 * frames and cards, with grey bars where the lines of text are. Both in wall units scaled so the
 * longer side fits `maxPixels`.
 */

export interface WallImage {
	svg: string;
	png: Uint8Array;
	width: number;
	height: number;
}

const pad = 24;
const colours = {
	background: '#f3f6fa',
	border: '#c3ccd6',
	frame: '#1d5c63',
	cardEdge: '#6f7a80',
	ink: '#1f2933',
	dot: '#1d4e89',
	textBar: '#8a949c'
};
const cardFont = 14;
const cardLine = 17;
const titleFont = 17;

/** The alt text of a wall's picture: the phase, the counts and each group (PDF and DOCX). */
export function wallPictureAlt(doc: Documentation, phase: DocPhase, wall: DocWall): string {
	const groups = wall.groups
		.slice(0, 24)
		.map((g) =>
			[g.name, cardsLabel(doc, g.cards.length), dotsLabel(doc, g.dots)].filter(Boolean).join(', ')
		);
	return doc.t('archive.doc.wallCanvasAlt', {
		phase: phase.title,
		cards: wall.cardCount,
		groups: wall.groups.length,
		list:
			(groups.join('; ') || doc.t('archive.doc.none')) +
			(wall.groups.length > groups.length ? `; … (${wall.groups.length - groups.length})` : '')
	});
}

/** Lines of at most `perLine` characters, broken at spaces; `maxLines` at most, the last cut with …. */
export function wrapLines(text: string, perLine: number, maxLines: number): string[] {
	const lines: string[] = [];
	let line = '';
	const words = text.split(/\s+/).filter(Boolean);
	for (let i = 0; i < words.length; i++) {
		let word = words[i];
		while (word.length > perLine) {
			if (line) {
				lines.push(line);
				line = '';
			}
			lines.push(word.slice(0, perLine));
			word = word.slice(perLine);
		}
		if (!line) line = word;
		else if (line.length + 1 + word.length <= perLine) line += ` ${word}`;
		else {
			lines.push(line);
			line = word;
		}
	}
	if (line) lines.push(line);
	if (lines.length <= maxLines) return lines;
	const kept = lines.slice(0, Math.max(1, maxLines));
	const last = kept[kept.length - 1];
	kept[kept.length - 1] = `${last.slice(0, Math.max(1, perLine - 1))}…`;
	return kept;
}

const escapeXml = (text: string) =>
	text.replace(
		/[<>&"']/g,
		(c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c
	);

/** What goes on a card: its text in lines and its dots, worked out once for SVG and PNG. */
function cardLines(card: DocCanvas['cards'][number]) {
	const dots = card.dots ?? 0;
	const perLine = Math.max(4, Math.floor((card.width - 16) / (cardFont * 0.55)));
	const maxLines = Math.max(1, Math.floor((card.height - 16 - (dots ? 26 : 0)) / cardLine));
	return { dots, lines: wrapLines(card.text, perLine, maxLines) };
}

function frameTitle(doc: Documentation, frame: DocCanvas['frames'][number]) {
	const title = [frame.name, dotsLabel(doc, frame.dots)].filter(Boolean).join(' · ');
	const perLine = Math.max(4, Math.floor((frame.width - 24) / (titleFont * 0.6)));
	return wrapLines(title, perLine, 1)[0] ?? '';
}

export function wallImage(doc: Documentation, canvas: DocCanvas, maxPixels = 1400): WallImage {
	const { bounds } = canvas;
	const worldWidth = bounds.width + 2 * pad;
	const worldHeight = bounds.height + 2 * pad;
	const scale = Math.min(1, maxPixels / Math.max(worldWidth, worldHeight));
	const width = Math.max(1, Math.round(worldWidth * scale));
	const height = Math.max(1, Math.round(worldHeight * scale));
	const ox = bounds.x - pad;
	const oy = bounds.y - pad;
	return {
		svg: wallSvg(doc, canvas, { ox, oy, worldWidth, worldHeight, width, height }),
		png: wallPng(doc, canvas, { ox, oy, scale, width, height }),
		width,
		height
	};
}

function wallSvg(
	doc: Documentation,
	canvas: DocCanvas,
	view: {
		ox: number;
		oy: number;
		worldWidth: number;
		worldHeight: number;
		width: number;
		height: number;
	}
): string {
	const n = (value: number) => Math.round(value * 10) / 10;
	const out: string[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${view.width}" height="${view.height}" viewBox="${n(view.ox)} ${n(view.oy)} ${n(view.worldWidth)} ${n(view.worldHeight)}" font-family="Noto Sans, Arial, sans-serif">`,
		`<rect x="${n(view.ox)}" y="${n(view.oy)}" width="${n(view.worldWidth)}" height="${n(view.worldHeight)}" fill="${colours.background}" stroke="${colours.border}" stroke-width="2"/>`
	];
	for (const frame of canvas.frames) {
		out.push(
			`<rect x="${n(frame.x)}" y="${n(frame.y)}" width="${n(frame.width)}" height="${n(frame.height)}" rx="10" fill="${colours.frame}" fill-opacity="0.07" stroke="${colours.frame}" stroke-width="2" stroke-dasharray="8 4"/>`,
			`<text x="${n(frame.x + 12)}" y="${n(frame.y + 10 + titleFont)}" font-size="${titleFont}" font-weight="bold" fill="${colours.frame}">${escapeXml(frameTitle(doc, frame))}</text>`
		);
	}
	for (const card of canvas.cards) {
		const { dots, lines } = cardLines(card);
		out.push(
			`<rect x="${n(card.x)}" y="${n(card.y)}" width="${n(card.width)}" height="${n(card.height)}" rx="6" fill="${card.fill}" stroke="${colours.cardEdge}" stroke-width="1"/>`
		);
		if (lines.length)
			out.push(
				`<text x="${n(card.x + 8)}" y="${n(card.y + 8 + cardFont)}" font-size="${cardFont}" fill="${colours.ink}">${lines
					.map(
						(line, i) =>
							`<tspan x="${n(card.x + 8)}" dy="${i ? cardLine : 0}">${escapeXml(line)}</tspan>`
					)
					.join('')}</text>`
			);
		if (dots > 0) {
			const cx = card.x + card.width - 8 - 13;
			const cy = card.y + card.height - 8 - 13;
			out.push(
				`<circle cx="${n(cx)}" cy="${n(cy)}" r="13" fill="${colours.dot}"/>`,
				`<text x="${n(cx)}" y="${n(cy + 5)}" font-size="${dots > 99 ? 10 : 14}" font-weight="bold" fill="#ffffff" text-anchor="middle">${dots}</text>`
			);
		}
	}
	out.push('</svg>');
	return out.join('\n');
}

/** An RGB raster with the few shapes the picture needs, then encoded as PNG. */
class Raster {
	readonly pixels: Uint8Array;
	constructor(
		readonly width: number,
		readonly height: number
	) {
		this.pixels = new Uint8Array(width * height * 3).fill(255);
	}

	fill(x0: number, y0: number, x1: number, y1: number, colour: string, opacity = 1) {
		const [r, g, b] = rgb(colour);
		const left = Math.max(0, Math.round(x0));
		const right = Math.min(this.width, Math.round(x1));
		const top = Math.max(0, Math.round(y0));
		const bottom = Math.min(this.height, Math.round(y1));
		for (let y = top; y < bottom; y++)
			for (let x = left; x < right; x++) {
				const i = (y * this.width + x) * 3;
				const p = this.pixels;
				p[i] = Math.round(p[i] + (r - p[i]) * opacity);
				p[i + 1] = Math.round(p[i + 1] + (g - p[i + 1]) * opacity);
				p[i + 2] = Math.round(p[i + 2] + (b - p[i + 2]) * opacity);
			}
	}

	/** An outline `line` pixels wide; dashed with `dash` pixels on and `gap` off when given. */
	outline(
		x0: number,
		y0: number,
		x1: number,
		y1: number,
		colour: string,
		line = 1,
		dash = 0,
		gap = 0
	) {
		const segments = (from: number, to: number, draw: (a: number, b: number) => void) => {
			if (!dash) return draw(from, to);
			for (let a = from; a < to; a += dash + gap) draw(a, Math.min(to, a + dash));
		};
		segments(x0, x1, (a, b) => {
			this.fill(a, y0, b, y0 + line, colour);
			this.fill(a, y1 - line, b, y1, colour);
		});
		segments(y0, y1, (a, b) => {
			this.fill(x0, a, x0 + line, b, colour);
			this.fill(x1 - line, a, x1, b, colour);
		});
	}

	disc(cx: number, cy: number, radius: number, colour: string) {
		const [r, g, b] = rgb(colour);
		for (let y = Math.max(0, Math.floor(cy - radius)); y < Math.min(this.height, cy + radius); y++)
			for (let x = Math.max(0, Math.floor(cx - radius)); x < Math.min(this.width, cx + radius); x++)
				if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= radius ** 2) {
					const i = (y * this.width + x) * 3;
					this.pixels.set([r, g, b], i);
				}
	}

	png(): Uint8Array {
		const rows = Buffer.alloc((this.width * 3 + 1) * this.height);
		for (let y = 0; y < this.height; y++) {
			const start = y * (this.width * 3 + 1);
			rows[start] = 0;
			rows.set(this.pixels.subarray(y * this.width * 3, (y + 1) * this.width * 3), start + 1);
		}
		const header = Buffer.alloc(13);
		header.writeUInt32BE(this.width, 0);
		header.writeUInt32BE(this.height, 4);
		header.set([8, 2, 0, 0, 0], 8);
		return new Uint8Array(
			Buffer.concat([
				Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
				chunk('IHDR', header),
				chunk('IDAT', deflateSync(rows, { level: 6 })),
				chunk('IEND', Buffer.alloc(0))
			])
		);
	}
}

function rgb(colour: string): [number, number, number] {
	const value = parseInt(colour.slice(1), 16);
	return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function chunk(type: string, data: Buffer): Buffer {
	const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	let crc = 0xffffffff;
	for (const byte of body) crc = crcTable[(crc ^ byte) & 255] ^ (crc >>> 8);
	const out = Buffer.alloc(body.length + 8);
	out.writeUInt32BE(data.length, 0);
	body.copy(out, 4);
	out.writeUInt32BE((crc ^ 0xffffffff) >>> 0, body.length + 4);
	return out;
}

function wallPng(
	doc: Documentation,
	canvas: DocCanvas,
	view: { ox: number; oy: number; scale: number; width: number; height: number }
): Uint8Array {
	const raster = new Raster(view.width, view.height);
	const s = view.scale;
	const x = (value: number) => (value - view.ox) * s;
	const y = (value: number) => (value - view.oy) * s;
	const px = (value: number) => Math.max(1, Math.round(value * s));
	raster.fill(0, 0, view.width, view.height, colours.background);
	raster.outline(0, 0, view.width, view.height, colours.border, 1);
	for (const frame of canvas.frames) {
		const [x0, y0, x1, y1] = [
			x(frame.x),
			y(frame.y),
			x(frame.x + frame.width),
			y(frame.y + frame.height)
		];
		raster.fill(x0, y0, x1, y1, colours.frame, 0.07);
		raster.outline(x0, y0, x1, y1, colours.frame, px(2), px(8), px(4));
		const title = frameTitle(doc, frame);
		const barWidth = Math.min(frame.width - 24, title.length * titleFont * 0.6);
		raster.fill(
			x(frame.x + 12),
			y(frame.y + 14),
			x(frame.x + 12 + barWidth),
			y(frame.y + 24),
			colours.frame
		);
	}
	for (const card of canvas.cards) {
		const [x0, y0, x1, y1] = [
			x(card.x),
			y(card.y),
			x(card.x + card.width),
			y(card.y + card.height)
		];
		raster.fill(x0, y0, x1, y1, card.fill);
		raster.outline(x0, y0, x1, y1, colours.cardEdge, 1);
		const { dots, lines } = cardLines(card);
		lines.forEach((line, i) => {
			const top = card.y + 8 + i * cardLine + 5;
			const barWidth = Math.min(card.width - 16, line.length * cardFont * 0.55);
			raster.fill(x(card.x + 8), y(top), x(card.x + 8 + barWidth), y(top + 7), colours.textBar);
		});
		if (dots > 0)
			raster.disc(x(card.x + card.width - 21), y(card.y + card.height - 21), 13 * s, colours.dot);
	}
	return raster.png();
}
