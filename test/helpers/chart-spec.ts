/** Reading the chart specs the pages embed, as public/js/charts.js does. */

export interface Spec {
  type: string;
  labels: string[];
  datasets: {
    label: string;
    data: (number | null | { x: number; y: number; r: number })[];
    formatted: string[];
    links?: string[];
    pointSeries?: string[];
  }[];
}

export function unescape(s: string): string {
  return s
    .replace(/&#34;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The chart's JSON, as public/js/charts.js reads it from the canvas's data-chart attribute. */
export function chart(html: string, id: string): Spec {
  const m = new RegExp(`<canvas id="${id}"[^>]*data-chart="([^"]*)"`).exec(html);
  if (!m) throw new Error(`No chart ${id} on the page`);
  return JSON.parse(unescape(m[1])) as Spec;
}
