/**
 * What every Terang chart does to Plot's output: no inline `<style>` (the
 * site's `charts.css` styles charts, in light and dark mode), a viewBox that
 * scales to the phone's width, hidden from assistive technology (the figure's
 * wrapper carries the description and the table carries the numbers).
 * Works with any DOM `Document`: linkedom at build time, the real one in a browser.
 */
export function finishSvg(node: Element, fontSize: number): string {
  const svg = node.tagName.toLowerCase() === 'svg' ? node : node.querySelector('svg');
  if (!svg) throw new Error('Plot did not return an SVG');
  for (const style of Array.from(svg.querySelectorAll('style'))) style.remove();
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('font-size', String(fontSize));
  svg.setAttribute('font-family', 'inherit');
  svg.setAttribute('preserveAspectRatio', 'xMinYMin meet');
  svg.removeAttribute('height');
  svg.removeAttribute('width');
  return svg.outerHTML;
}

/** Rough width of a label in pixels (system-ui at `fontSize`): enough to reserve margins, not to typeset. */
export const textWidth = (text: string, fontSize: number): number => Math.ceil(text.length * fontSize * 0.6);
