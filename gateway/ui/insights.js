// The insights page: five charts of the network, drawn with Apache ECharts from the graph's
// public figures (released and perturbed, docs/privacy.md), or exact ones with a talent:read token.
'use strict';
(() => {
  const { tabulate, toCsv, renderTable, download, runQuery } = window.nlaiTables;
  const echarts = window.echarts;
  const tokenKey = 'nlai-insights:token';
  const tokenInput = document.getElementById('token');
  try {
    tokenInput.value = sessionStorage.getItem(tokenKey) || '';
  } catch {}
  tokenInput.addEventListener('input', () => {
    try {
      sessionStorage.setItem(tokenKey, tokenInput.value);
    } catch {}
  });

  // Colours with at least 4.5:1 contrast on white (text and marks alike); withheld cells are hatched grey.
  const colours = {
    active: '#1f5fa8',
    development: '#a4461a',
    ended: '#5b5b5b',
    retained: '#1d6e45',
    graduates: '#1f5fa8',
    line: '#3d3d3d',
    withheld: '#595959',
    text: '#1a1a1a',
  };
  const notShown = 'not shown (0–6)';
  const hatched = {
    color: '#ffffff',
    borderColor: colours.withheld,
    borderType: 'dashed',
    borderWidth: 1,
    decal: { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: -Math.PI / 4, color: colours.withheld },
  };
  const textStyle = { color: colours.text, fontFamily: 'system-ui, sans-serif', fontSize: 13 };
  const stageNames = { phd: 'PhD candidates', graduated: 'Graduated' };

  /** The page's state after each load: per chart its option, its table and its text alternative (read by the tests too). */
  const charts = {};
  window.nlaiInsights = { charts, colours };

  const part = (id, role) => document.querySelector(`#${id} [data-role="${role}"]`);

  const sized = (element) => element.clientWidth > 0 && element.clientHeight > 0;

  /** Resolves once the element has a size: ECharts lays a map out in its container, and a container of no size makes its geo layout fail. */
  function whenSized(element) {
    if (sized(element)) return Promise.resolve();
    return new Promise((resolve) => {
      const observer = new ResizeObserver(() => {
        if (!sized(element)) return;
        observer.disconnect();
        resolve();
      });
      observer.observe(element);
    });
  }

  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));

  async function draw(id, { option, table, alt, source }) {
    const element = part(id, 'figure');
    const full = { animation: false, textStyle, aria: { enabled: false }, ...option };
    await whenSized(element);
    // Each load draws on a fresh instance: replacing the option of a live map instance
    // (setOption with notMerge) now and then failed inside ECharts' geo layout; when a
    // first drawing still fails there, the next frame's does not.
    for (let attempt = 1; ; attempt += 1) {
      const previous = echarts.getInstanceByDom(element);
      if (previous) previous.dispose();
      try {
        echarts.init(element, null, { renderer: 'svg' }).setOption(full, true);
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await nextFrame();
      }
    }
    renderTable(part(id, 'table'), table, `The numbers of “${document.getElementById(`${id}-title`).textContent}”`);
    part(id, 'alt').textContent = alt;
    part(id, 'source').textContent = source;
    charts[id] = { option: full, table, alt, source };
  }

  function exportChart(id, type) {
    const chart = charts[id];
    if (!chart) return;
    const name = `nlai-insights-${id}`;
    if (type === 'csv') return download(`${name}.csv`, toCsv(chart.table), 'text/csv;charset=utf-8');
    const element = part(id, 'figure');
    if (type === 'svg') return download(`${name}.svg`, echarts.getInstanceByDom(element).getDataURL({ type: 'svg' }));
    // PNG from a canvas-rendered twin of the chart: the SVG renderer draws no bitmap.
    const twin = document.createElement('div');
    twin.style.width = `${element.clientWidth}px`;
    twin.style.height = `${element.clientHeight}px`;
    twin.className = 'offscreen';
    document.body.appendChild(twin);
    const canvas = echarts.init(twin, null, { renderer: 'canvas' });
    canvas.setOption(chart.option);
    const url = canvas.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    canvas.dispose();
    twin.remove();
    download(`${name}.png`, url);
  }

  for (const button of document.querySelectorAll('[data-download]'))
    button.addEventListener('click', () => exportChart(button.closest('section').id, button.dataset.download));

  // —— figures ——
  const statusOf = (lab) => (lab.status === 'ACTIVE' ? 'active' : lab.status === 'IN_DEVELOPMENT' ? 'development' : 'ended');

  function figures(data, exact) {
    /** A count the public graph withholds: without talent:read, 0 (or absent) stands for a true count of 0 to 6. */
    const withheld = (value) => !exact && !value;
    const shown = (value) => (withheld(value) ? notShown : String(value ?? 0));
    return { withheld, shown };
  }

  function mapChart(locations, { withheld, shown }, sourceOfPeople) {
    const byId = new Map(locations.map((location) => [location.id, location]));
    const placed = locations.filter((location) => location.coordinates);
    const groups = { active: [], development: [], none: [] };
    const groupColours = { active: colours.active, development: colours.development, none: colours.ended };
    const rows = [];
    for (const location of locations) {
      const counts = { active: 0, development: 0, ended: 0 };
      for (const lab of location.labs) counts[statusOf(lab)] += 1;
      const people = location.talentStats ? location.talentStats.total : null;
      const hub = location.hub ? byId.get(location.hub.id) : null;
      rows.push([
        location.city,
        location.role.toLowerCase(),
        hub ? hub.city : '',
        location.coordinates ? String(location.coordinates.latitude) : '',
        location.coordinates ? String(location.coordinates.longitude) : '',
        String(counts.active),
        String(counts.development),
        String(counts.ended),
        shown(people),
      ]);
      if (!location.coordinates) continue;
      const group = counts.active > 0 ? 'active' : counts.development > 0 ? 'development' : 'none';
      groups[group].push({
        name: location.city,
        value: [location.coordinates.longitude, location.coordinates.latitude],
        symbol: location.role === 'HUB' ? 'circle' : 'triangle',
        symbolSize: withheld(people) ? 10 : Math.round(10 + 4 * Math.sqrt(people)),
        // A city whose people are withheld: hatched, ringed in its status colour.
        itemStyle: withheld(people) ? { ...hatched, borderType: 'solid', borderWidth: 2, borderColor: groupColours[group] } : {},
        tooltip: {
          formatter: `${location.city} (${location.role === 'HUB' ? 'hub' : `spoke of ${hub ? hub.city : '?'}`})<br>labs: ${counts.active} active, ${counts.development} in development, ${counts.ended} ended<br>people: ${shown(people)}`,
        },
      });
    }
    const lines = placed
      .filter((location) => location.hub && byId.get(location.hub.id) && byId.get(location.hub.id).coordinates)
      .map((location) => {
        const hub = byId.get(location.hub.id);
        return {
          name: `${location.city} → ${hub.city}`,
          coords: [
            [location.coordinates.longitude, location.coordinates.latitude],
            [hub.coordinates.longitude, hub.coordinates.latitude],
          ],
        };
      });
    const scatter = (name, data, colour) => ({
      type: 'scatter',
      coordinateSystem: 'geo',
      name,
      data,
      itemStyle: { color: colour, borderColor: '#ffffff', borderWidth: 1 },
      label: { show: true, position: 'right', formatter: '{b}', color: colours.text, fontSize: 12 },
      zlevel: 1,
    });
    const labs = locations.flatMap((location) => location.labs);
    const hubs = locations.filter((location) => location.role === 'HUB').map((location) => location.city);
    const hidden = locations
      .filter((location) => location.talentStats && withheld(location.talentStats.total))
      .map((location) => location.city);
    return {
      option: {
        tooltip: { trigger: 'item' },
        legend: { bottom: 0, textStyle },
        geo: {
          map: 'netherlands',
          silent: true,
          roam: false,
          layoutCenter: ['50%', '47%'],
          layoutSize: '92%',
          itemStyle: { areaColor: '#eef1f5', borderColor: '#767f8f' },
        },
        series: [
          {
            type: 'lines',
            coordinateSystem: 'geo',
            name: 'spoke to hub',
            data: lines,
            lineStyle: { color: colours.line, width: 1.5, type: 'dashed' },
            tooltip: { formatter: '{b}' },
          },
          scatter('cities with active labs', groups.active, groupColours.active),
          scatter('cities with labs in development only', groups.development, groupColours.development),
          scatter('cities without labs', groups.none, groupColours.none),
        ],
      },
      table: {
        columns: ['city', 'role', 'hub', 'latitude', 'longitude', 'labs active', 'labs in development', 'labs ended', 'people'],
        rows,
      },
      alt: `Map of the Netherlands with ${placed.length} of ${locations.length} cities. Hubs (circles): ${hubs.join(', ')}. Each spoke (triangle) has a dashed line to its hub: ${lines.map((line) => line.name).join('; ')}. ${labs.length} labs: ${labs.filter((lab) => lab.status === 'ACTIVE').length} active, ${labs.filter((lab) => lab.status === 'IN_DEVELOPMENT').length} in development. Marks are sized by people (${sourceOfPeople})${hidden.length > 0 ? `; open marks are cities whose people are not shown: ${hidden.join(', ')}` : ''}. The table beside the map has every figure.`,
    };
  }

  function flowChart(locations, { withheld }, exact) {
    const other = exact ? 'Other stages' : 'Other stages or not shown';
    const elsewhere = exact ? 'Not in the Netherlands' : 'Elsewhere or not shown';
    const home = 'In the Netherlands';
    const rest = exact ? undefined : 'not shown (the rest)';
    const links = [];
    let retained = 0;
    let notRetained = 0;
    for (const location of locations) {
      const stats = location.talentStats;
      if (!stats || withheld(stats.total)) continue;
      const phd = withheld(stats.phdCandidates) ? 0 : stats.phdCandidates;
      const graduated = withheld(stats.graduated) ? 0 : stats.graduated;
      const kept = withheld(stats.retainedInNetherlands) ? 0 : stats.retainedInNetherlands;
      if (phd > 0) links.push({ source: location.city, target: stageNames.phd, value: phd });
      if (graduated > 0) links.push({ source: location.city, target: stageNames.graduated, value: graduated });
      // The rest of the city's people: other stages, and stages the public graph withholds.
      if (stats.total - phd - graduated > 0)
        links.push({ source: location.city, target: other, value: stats.total - phd - graduated, text: rest });
      retained += kept;
      notRetained += Math.max(0, graduated - kept);
    }
    if (retained > 0)
      links.push({
        source: stageNames.graduated,
        target: home,
        value: retained,
        text: exact ? undefined : `${retained} (the cities' figures added up)`,
      });
    if (notRetained > 0) links.push({ source: stageNames.graduated, target: elsewhere, value: notRetained, text: rest });
    // Without talent:read a band worked out from published figures is drawn but not written as a count:
    // a difference of perturbed figures (often 1 or 2) is no count the graph publishes.
    for (const link of links) link.text = link.text || String(link.value);
    const names = [...new Set(links.flatMap((link) => [link.source, link.target]))];
    const colourOf = (name) =>
      name === home
        ? colours.retained
        : name === other || name === elsewhere
          ? colours.withheld
          : name === stageNames.phd || name === stageNames.graduated
            ? colours.active
            : colours.development;
    return {
      option: {
        tooltip: {
          trigger: 'item',
          formatter: (item) => (item.dataType === 'edge' ? `${item.data.source} → ${item.data.target}: ${item.data.text}` : `${item.name}`),
        },
        series: [
          {
            type: 'sankey',
            name: 'talent flow',
            left: 8,
            right: 175,
            nodeAlign: 'left',
            top: 10,
            bottom: 10,
            nodeGap: 8,
            data: names.map((name) => ({
              name,
              itemStyle: { color: colourOf(name), borderColor: colourOf(name) },
              ...(name === other || name === elsewhere ? { itemStyle: hatched } : {}),
            })),
            links,
            lineStyle: { color: 'gradient', opacity: 0.35 },
            label: { color: colours.text, fontSize: 12 },
          },
        ],
      },
      table: { columns: ['from', 'to', 'people'], rows: links.map((link) => [link.source, link.target, link.text]) },
      alt: `Talent flow from ${new Set(links.filter((link) => !Object.values(stageNames).includes(link.source)).map((link) => link.source)).size} cities through stage to where graduates work. ${links.map((link) => `${link.source} to ${link.target}: ${link.text}`).join('; ')}.`,
      links,
    };
  }

  function retentionChart(locations, { withheld, shown }) {
    const cities = locations.filter((location) => location.talentStats);
    const values = cities.flatMap((location) => [location.talentStats.graduated, location.talentStats.retainedInNetherlands]);
    const stub = Math.max(1, Math.round(Math.max(0, ...values) / 8));
    const bar = (value, colour) =>
      withheld(value)
        ? {
            value: stub,
            withheld: true,
            itemStyle: hatched,
            label: { show: true, position: 'right', formatter: notShown, color: colours.text },
          }
        : {
            value: value ?? 0,
            itemStyle: { color: colour },
            label: { show: true, position: 'right', formatter: String(value ?? 0), color: colours.text },
          };
    const cityNames = cities.map((location) => location.city);
    return {
      option: {
        tooltip: {
          trigger: 'item',
          formatter: (item) => `${item.name} · ${item.seriesName}: ${item.data.withheld ? notShown : item.data.value}`,
        },
        legend: { bottom: 0, textStyle },
        grid: { left: 90, right: 110, top: 10, bottom: 60 },
        xAxis: { type: 'value', name: 'people', nameLocation: 'middle', nameGap: 26, minInterval: 1, axisLabel: { color: colours.text } },
        yAxis: { type: 'category', data: cityNames, inverse: true, axisLabel: { color: colours.text } },
        series: [
          {
            type: 'bar',
            name: 'graduates',
            data: cities.map((location) => bar(location.talentStats.graduated, colours.graduates)),
            itemStyle: { color: colours.graduates },
          },
          {
            type: 'bar',
            name: 'retained in the Netherlands',
            data: cities.map((location) => bar(location.talentStats.retainedInNetherlands, colours.retained)),
            itemStyle: { color: colours.retained },
          },
        ],
      },
      table: {
        columns: ['city', 'graduates', 'retained in the Netherlands'],
        rows: cities.map((location) => [
          location.city,
          shown(location.talentStats.graduated),
          shown(location.talentStats.retainedInNetherlands),
        ]),
      },
      alt: `Graduates and those retained in the Netherlands per city: ${cities.map((location) => `${location.city} ${shown(location.talentStats.graduated)} graduates, ${shown(location.talentStats.retainedInNetherlands)} retained`).join('; ')}.`,
    };
  }

  function growthChart(locations, people) {
    const labs = locations.flatMap((location) => location.labs);
    const dated = labs.filter((lab) => lab.startYear !== null && lab.startYear !== undefined);
    const years = [];
    const allYears = [...dated.map((lab) => lab.startYear), ...(people ? [...people.keys()] : [])];
    for (let year = Math.min(...allYears); year <= Math.max(...allYears); year += 1) years.push(year);
    const count = (status, year) => dated.filter((lab) => statusOf(lab) === status && lab.startYear === year).length;
    let running = 0;
    const cumulative = years.map((year) => (running += dated.filter((lab) => lab.startYear === year).length));
    const undated = labs.length - dated.length;
    const stack = (name, status, colour) => ({
      type: 'bar',
      stack: 'labs',
      name,
      data: years.map((year) => count(status, year)),
      itemStyle: { color: colour },
    });
    const series = [
      stack('labs started: active', 'active', colours.active),
      stack('labs started: in development', 'development', colours.development),
      stack('labs started: ended', 'ended', colours.ended),
      {
        type: 'line',
        name: 'labs so far',
        data: cumulative,
        itemStyle: { color: colours.line },
        lineStyle: { color: colours.line, width: 2 },
        symbol: 'circle',
      },
    ];
    if (people)
      series.push({
        type: 'line',
        name: 'people who joined',
        data: years.map((year) => people.get(year) || 0),
        yAxisIndex: 1,
        itemStyle: { color: colours.retained },
        lineStyle: { color: colours.retained, width: 2, type: 'dashed' },
        symbol: 'diamond',
      });
    return {
      option: {
        tooltip: { trigger: 'axis' },
        legend: { bottom: 0, textStyle },
        grid: { left: 50, right: 50, top: 30, bottom: 70 },
        xAxis: { type: 'category', data: years.map(String), axisLabel: { color: colours.text } },
        yAxis: [
          { type: 'value', name: 'labs', minInterval: 1, axisLabel: { color: colours.text } },
          { type: 'value', name: 'people', minInterval: 1, show: Boolean(people), axisLabel: { color: colours.text } },
        ],
        series,
      },
      table: {
        columns: [
          'year',
          'labs started: active',
          'labs started: in development',
          'labs started: ended',
          'labs so far',
          'people who joined',
        ],
        rows: years.map((year, index) => [
          String(year),
          String(count('active', year)),
          String(count('development', year)),
          String(count('ended', year)),
          String(cumulative[index]),
          people ? String(people.get(year) || 0) : 'not shown (talent:read)',
        ]),
      },
      alt: `Labs by start year: ${years.map((year, index) => `${year}: ${cumulative[index]} so far`).join('; ')}. ${undated} labs in development have no start year yet. ${people ? 'People by start year are drawn as a dashed line.' : 'People by start year need talent:read: the public graph has no such figure.'}`,
    };
  }

  /** A bar series on the grid of that index, its values written beside the bars. */
  const horizontalBars = (name, grid, data, colour) => ({
    type: 'bar',
    name,
    xAxisIndex: grid,
    yAxisIndex: grid,
    data,
    itemStyle: { color: colour },
    label: { show: true, position: 'right', color: colours.text },
  });

  function coursesChart(courseFigures, vacancyFigures) {
    const sectors = courseFigures ? courseFigures.bySector : [];
    const themes = vacancyFigures ? vacancyFigures.byTheme : [];
    const height = Math.max(sectors.length, 1);
    const split = Math.round((100 * height) / (height + Math.max(themes.length, 1)));
    return {
      option: {
        tooltip: { trigger: 'item', formatter: '{b}: {c}' },
        title: [
          { text: 'Courses per sector', left: 0, top: 0, textStyle: { ...textStyle, fontSize: 13, fontWeight: 'bold' } },
          { text: 'Vacancies per theme', left: 0, top: `${split}%`, textStyle: { ...textStyle, fontSize: 13, fontWeight: 'bold' } },
        ],
        grid: [
          { left: 170, right: 40, top: 24, bottom: `${100 - split + 6}%` },
          { left: 170, right: 40, top: `${split + 5}%`, bottom: 20 },
        ],
        xAxis: [
          { gridIndex: 0, type: 'value', minInterval: 1, axisLabel: { color: colours.text } },
          { gridIndex: 1, type: 'value', minInterval: 1, axisLabel: { color: colours.text } },
        ],
        yAxis: [
          { gridIndex: 0, type: 'category', inverse: true, data: sectors.map((row) => row.sector), axisLabel: { color: colours.text } },
          { gridIndex: 1, type: 'category', inverse: true, data: themes.map((row) => row.theme), axisLabel: { color: colours.text } },
        ],
        series: [
          horizontalBars(
            'courses',
            0,
            sectors.map((row) => row.courses),
            colours.active,
          ),
          horizontalBars(
            'vacancies',
            1,
            themes.map((row) => row.vacancies),
            colours.development,
          ),
        ],
      },
      table: {
        columns: ['figure', 'sector or theme', 'count'],
        rows: [
          ...sectors.map((row) => ['courses', row.sector, String(row.courses)]),
          ...themes.map((row) => ['vacancies', row.theme, String(row.vacancies)]),
        ],
      },
      alt: `Courses per sector: ${sectors.map((row) => `${row.sector} ${row.courses}`).join(', ')}. Vacancies per theme: ${themes.map((row) => `${row.theme} ${row.vacancies}`).join(', ')}.`,
    };
  }

  async function peopleByStartYear(query, token) {
    const years = new Map();
    let after = null;
    for (let page = 0; page < 100; page += 1) {
      const result = await runQuery(query, { after }, token);
      if (!result.data || !result.data.talents) return null;
      for (const edge of result.data.talents.edges) years.set(edge.node.startYear, (years.get(edge.node.startYear) || 0) + 1);
      if (!result.data.talents.pageInfo.hasNextPage) break;
      after = result.data.talents.pageInfo.endCursor;
    }
    return years;
  }

  const modeLine = document.getElementById('mode');
  let queries;

  let loads = 0;

  async function load() {
    // A later click wins: an earlier load still waiting for the graph draws nothing.
    const thisLoad = (loads += 1);
    const current = () => thisLoad === loads;
    document.body.dataset.state = 'loading';
    queries = queries || (await (await fetch(document.body.dataset.queries)).json());
    if (!echarts.getMap('netherlands')) echarts.registerMap('netherlands', await (await fetch(document.body.dataset.outline)).json());
    const token = tokenInput.value;
    const result = await runQuery(queries.InsightsNetwork, {}, token);
    if (!current()) return;
    if (!result.data || !result.data.locations) {
      modeLine.textContent = `The graph did not answer: ${(result.errors || []).map((error) => error.message).join('; ')}`;
      document.body.dataset.state = 'failed';
      return;
    }
    const { locations, courseFigures, vacancyFigures } = result.data;
    const releases = locations.map((location) => location.talentStats && location.talentStats.release).filter(Boolean);
    const exact = releases.length === 0 && locations.some((location) => location.talentStats);
    const asOf = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
    const release = releases[0];
    const peopleSource = exact
      ? `exact and live (talent:read), ${asOf}`
      : release
        ? `release ${release.id} of ${release.publishedAt}, perturbed`
        : 'not available';
    modeLine.textContent = exact
      ? `Exact figures (talent:read), ${asOf}.`
      : `Public figures: ${peopleSource}. “${notShown}” marks a count the public graph withholds (published as 0).`;
    const helpers = figures(result.data, exact);
    const labsSource = `Labs and cities: live, ${asOf}.`;
    await draw('map', { ...mapChart(locations, helpers, peopleSource), source: `${labsSource} People: ${peopleSource}.` });
    if (!current()) return;
    await draw('flow', {
      ...flowChart(locations, helpers, exact),
      source: `People: ${peopleSource}. The public graph has no split of graduates abroad into the rest of the EU and the world.`,
    });
    await draw('retention', { ...retentionChart(locations, helpers), source: `People: ${peopleSource}.` });
    if (!current()) return;
    const people = exact ? await peopleByStartYear(queries.InsightsPeople, token) : null;
    if (!current()) return;
    await draw('growth', {
      ...growthChart(locations, people),
      source: `${labsSource} People: ${people ? peopleSource : 'not in the public graph (talent:read)'}.`,
    });
    await draw('courses', { ...coursesChart(courseFigures, vacancyFigures), source: `Courses and vacancies: live, ${asOf}.` });
    document.body.dataset.state = exact ? 'exact' : 'public';
  }

  document.getElementById('reload').addEventListener('click', () => load());
  window.addEventListener('resize', () => {
    for (const element of document.querySelectorAll('[data-role="figure"]')) {
      const instance = echarts.getInstanceByDom(element);
      // A container of no size (mid-layout) would fail the map's layout; the next resize event sizes it.
      if (instance && sized(element)) instance.resize();
    }
  });
  load();
})();
