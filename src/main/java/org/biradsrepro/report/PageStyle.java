package org.biradsrepro.report;

/** The page's inline style sheet: readable on a laptop screen, one column when narrow, clean on paper. */
final class PageStyle {

    private PageStyle() {}

    static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5rem auto;max-width:1280px;padding:0 1rem;color:#222}
            h1{font-size:1.5rem;margin-bottom:.3rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}h3{font-size:1rem}
            nav ol{columns:2;max-width:56rem;margin:.5rem 0;padding-left:1.5rem}nav a{text-decoration:none}
            section{overflow-x:auto}
            table{border-collapse:collapse;margin:.5rem 0;font-variant-numeric:tabular-nums}
            th,td{border:1px solid #ddd;padding:.25rem .45rem;text-align:left;vertical-align:top}
            thead th{background:#f4f4f4}table.table2 td,table.per-class td{white-space:nowrap}tr.improved td{background:#f3f8fc}tr.paper td{background:#fbfaf4;color:#555}tr.keras td{background:#f2f8f0}
            td.up{color:#1d6b2f}td.down{color:#a12a1f}td.flat{color:#666}
            .verdict.reproduced{background:#e3f4e6;color:#1d5b2a}.verdict.gain-ruled-out{background:#fbe4e1;color:#8c2418}
            .verdict.inconclusive,.verdict.undetectable{background:#f1f1f1;color:#444}span.verdict{padding:.1rem .4rem;border-radius:3px}
            .verdict.uninformative,.verdict.not-exercised{background:#eceefa;color:#3b3f7a;font-style:italic}
            span.verdict.uninformative,span.verdict.not-exercised{border:1px dashed #8b8fc4}
            .verdict.passed{background:#e3f4e6;color:#1d5b2a}.verdict.failed{background:#fbe4e1;color:#8c2418;font-weight:bold}
            .note.exercise-note{background:#f3f4fc;border-color:#b7badf}td.learned-nothing{color:#3b3f7a;font-style:italic}
            p.primary{font-size:1.05rem}svg.interval-bar{display:block;margin:.2rem 0}
            table.verdicts td{min-width:9rem}td.missing{color:#999}
            .note{background:#fff8e1;border:1px solid #e8d48b;padding:.5rem 1rem;margin:.6rem 0}.warn{color:#a12a1f;font-weight:bold}
            .lede{max-width:62rem}.kv th{background:#fafafa;width:16rem}small{color:#666}ul.differs{margin:0;padding-left:1rem}
            .charts,.matrices{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-start}.chart{border:1px solid #eee;background:#fff}
            .chart .frame{fill:none;stroke:#ccc}.chart .tick{font-size:9px;fill:#555}.chart .legend{font-size:10px}
            table.confusion td{text-align:right;min-width:2.2rem}table.confusion td.diag{font-weight:bold}
            table.confusion caption{text-align:left;font-weight:bold;padding:.2rem 0}
            code{font-size:12px;word-break:break-all}
            @media print{body{margin:0;max-width:none;font-size:11px}nav{display:none}section{overflow:visible}
            h2{break-after:avoid}.chart,table{break-inside:avoid}details{display:block}details>*{display:block}
            a{color:inherit;text-decoration:none}}
            """;
}
