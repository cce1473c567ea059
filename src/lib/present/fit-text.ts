import type { Attachment } from 'svelte/attachments';

/**
 * Chooses the largest font size (`--fit`, whole px between `min` and `max`) at which the element's
 * content fits its box without scrolling: cards on a projector are read from the back of the room,
 * so they are as large as the screen allows. `content` names what is shown: when it changes, the
 * attachment runs again; so does a change of the box's size.
 */
export function fitText(min: number, max: number, content: unknown): Attachment<HTMLElement> {
	return (element) => {
		void content;
		const fitsAt = (size: number) => {
			element.style.setProperty('--fit', `${size}px`);
			return (
				element.scrollHeight <= element.clientHeight + 1 &&
				element.scrollWidth <= element.clientWidth + 1
			);
		};
		const fit = () => {
			if (fitsAt(max)) return;
			// Binary search: a handful of layouts, not one per pixel. `low` fits (or is the minimum).
			let low = min;
			let high = max;
			while (high - low > 1) {
				const mid = Math.floor((low + high) / 2);
				if (fitsAt(mid)) low = mid;
				else high = mid;
			}
			fitsAt(low);
		};
		fit();
		const observer = new ResizeObserver(fit);
		observer.observe(element);
		return () => observer.disconnect();
	};
}
