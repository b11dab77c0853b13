/** The report's stylesheet (inlined into a `<style>` element; no external fonts or images). */
export const REPORT_CSS = `
:root {
  --bg: #f5f6f8; --card: #ffffff; --ink: #1d2430; --muted: #5f6b7a; --line: #e3e6eb;
  --accent: #4e79a7; --hit: #2e7d32; --hit-bg: #e3f4e4; --miss: #b3261e; --miss-bg: #fbe7e6;
  --mark: #fff1b8;
}
* { box-sizing: border-box; }
html { scroll-behavior: smooth; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.wrap { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
header.top { background: linear-gradient(135deg, #22324a 0%, #2f4b72 60%, #3d6496 100%); color: #fff; padding: 28px 0 0; }
header.top h1 { margin: 0 0 8px; font-size: 28px; letter-spacing: -0.01em; }
.lede { margin: 0 0 12px; max-width: 900px; color: #dbe5f3; }
.meta { margin: 0 0 18px; display: flex; flex-wrap: wrap; gap: 8px; }
.meta span { background: rgba(255,255,255,0.12); border-radius: 999px; padding: 2px 12px; font-size: 13px; }
nav.toc { display: flex; flex-wrap: wrap; gap: 4px; padding-bottom: 10px; }
nav.toc a { color: #fff; text-decoration: none; font-size: 14px; padding: 4px 10px; border-radius: 6px; }
nav.toc a:hover { background: rgba(255,255,255,0.15); }
main.wrap { padding-top: 22px; padding-bottom: 8px; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(145px, 1fr)); gap: 10px; margin-bottom: 20px; }
.kpi { background: var(--card); border: 1px solid var(--line); border-top: 3px solid var(--accent); border-radius: 10px; padding: 10px 12px; min-width: 0; }
.kpi-label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
.kpi-value { white-space: nowrap; font-size: 20px; font-weight: 650; margin: 2px 0; font-variant-numeric: tabular-nums; }
.kpi-value small { font-size: 14px; color: var(--muted); font-weight: 400; }
.kpi-note { color: var(--muted); font-size: 13px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 20px 24px; margin-bottom: 20px; }
.card h2 { margin: 0 0 6px; font-size: 21px; }
.card h3 { margin: 22px 0 8px; font-size: 17px; }
.card h4 { margin: 14px 0 6px; font-size: 14px; }
.explain { color: var(--muted); margin: 0 0 14px; max-width: 920px; }
.facts { margin: 6px 0 10px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 16px 28px; }
.grid.one { grid-template-columns: 1fr; margin-top: 12px; }
figure.fig { margin: 0; min-width: 0; }
figcaption { font-weight: 600; font-size: 14px; margin-bottom: 6px; }
.chart { min-height: 60px; overflow-x: auto; }
.chart svg { display: block; max-width: 100%; height: auto; }
.chart figure { margin: 0; }
.chart-error { color: var(--miss); }
.fallback { color: var(--muted); font-style: italic; font-size: 13px; }
.control { display: inline-block; font-size: 13px; color: var(--muted); margin-bottom: 6px; }
.control select { font: inherit; color: var(--ink); margin-left: 6px; padding: 2px 4px; max-width: 100%; }
details.numbers { margin-top: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
details.numbers summary { cursor: pointer; color: var(--accent); font-size: 14px; }
.tablewrap { overflow-x: auto; margin: 8px 0; }
table { border-collapse: collapse; font-size: 13.5px; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { font-weight: 600; background: #f8f9fb; position: sticky; top: 0; }
table.num td { font-variant-numeric: tabular-nums; }
table.confusion td, table.confusion th { padding: 2px 6px; font-size: 12px; text-align: right; }
table.confusion td:first-child, table.confusion th:first-child { text-align: left; }
table.neighbors { width: 100%; }
table.neighbors td { min-width: 140px; }
ol.nn { margin: 0; padding-left: 18px; }
ol.nn .sim { color: var(--muted); font-size: 12px; font-variant-numeric: tabular-nums; }
table.timings td:nth-child(2) { text-align: right; white-space: nowrap; }
table.timings td:nth-child(3) { width: 50%; }
.bar { display: inline-block; height: 10px; background: var(--accent); border-radius: 3px; min-width: 1px; }
.t { display: inline-block; background: #eef2f7; border-radius: 4px; padding: 0 6px; font-size: 0.92em; }
.badge { font-size: 12px; font-weight: 500; background: #eceff3; color: var(--muted); border-radius: 999px; padding: 2px 10px; vertical-align: middle; }
.not-run { opacity: 0.85; }
.notrun { color: var(--muted); font-style: italic; }
.examples { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 16px; }
.example { border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; min-width: 0; }
.example header { margin-bottom: 6px; }
.muted { color: var(--muted); }
.kwlists { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; margin-bottom: 8px; }
.kwlabel { display: block; font-size: 11px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); margin-bottom: 3px; }
.chips { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px; }
.chip { background: #eef2f7; border-radius: 999px; padding: 1px 9px; font-size: 12.5px; }
.chip .rank { color: var(--muted); font-size: 11px; margin-right: 4px; }
.chip.hit { background: var(--hit-bg); color: var(--hit); }
.chip.miss { background: var(--miss-bg); color: var(--miss); }
.chip.gold { background: #fff7d6; color: #6b5900; }
.doc { white-space: pre-wrap; overflow-wrap: anywhere; max-height: 15em; overflow-y: auto; font-size: 13.5px;
  background: #fafbfc; border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; }
mark.kw { background: var(--mark); border-radius: 3px; padding: 0 1px; }
mark.kw-hit { background: var(--hit-bg); box-shadow: inset 0 -2px 0 var(--hit); }
mark.kw-miss { background: var(--miss-bg); box-shadow: inset 0 -2px 0 var(--miss); }
pre.config { background: #fafbfc; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; overflow-x: auto; font-size: 12.5px; margin: 0; }
footer.foot { color: var(--muted); font-size: 13px; padding-top: 4px; padding-bottom: 32px; }
@media (max-width: 720px) { .grid, .examples { grid-template-columns: 1fr; } .kwlists { grid-template-columns: 1fr; } }
@media print { header.top { background: none; color: var(--ink); } .lede { color: var(--muted); } nav.toc { display: none; } }
`;
