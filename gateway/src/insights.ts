import { readFileSync } from 'node:fs';
import type { Logger } from '@nlai/http-server';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { asset, assetUrl, contentTypes, packageFile, pageRoutes, uiFile, type Asset, type Route } from './static-files';

/** Where the insights page is served. */
export const insightsPath = '/insights';

/** The saved operations the page runs (schema/operations/insights-*.graphql). */
const pageOperations = ['InsightsNetwork', 'InsightsPeople'];

/** ISO 3166-1 numeric code of the Netherlands, the id of its feature in world-atlas. */
const netherlandsId = '528';
/** The European Netherlands: Natural Earth's feature also holds Bonaire, Sint Eustatius and Saba. */
const inEurope = ([longitude, latitude]: Position) => longitude! > 2 && longitude! < 8 && latitude! > 50 && latitude! < 54;

/**
 * The outline of the European Netherlands as GeoJSON, from world-atlas's
 * Natural Earth 1:50m countries (public domain), converted with
 * topojson-client when the gateway starts.
 */
export function netherlandsOutline(): FeatureCollection<MultiPolygon> {
  const topology = JSON.parse(readFileSync(packageFile('world-atlas', 'countries-50m.json'), 'utf8')) as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const countries = feature(topology, topology.objects.countries);
  const netherlands = countries.features.find((country) => String(country.id) === netherlandsId) as
    Feature<Polygon | MultiPolygon> | undefined;
  if (!netherlands) throw new Error(`world-atlas has no feature ${netherlandsId} (the Netherlands)`);
  const polygons = netherlands.geometry.type === 'Polygon' ? [netherlands.geometry.coordinates] : netherlands.geometry.coordinates;
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        id: netherlandsId,
        properties: { name: 'Netherlands', source: 'Natural Earth 1:50m, via the world-atlas npm package' },
        geometry: { type: 'MultiPolygon', coordinates: polygons.filter((polygon) => polygon[0]!.every(inEurope)) },
      },
    ],
  };
}

function readAssets(queries: Record<string, string>): Record<string, Asset> {
  const { javascript, css, json } = contentTypes;
  return {
    'echarts.min.js': asset(readFileSync(packageFile('echarts', 'dist/echarts.min.js')), javascript),
    'tables.js': asset(uiFile('tables.js'), javascript),
    'insights.js': asset(uiFile('insights.js'), javascript),
    'insights.css': asset(uiFile('insights.css'), css),
    'netherlands.json': asset(JSON.stringify(netherlandsOutline()), json),
    'queries.json': asset(JSON.stringify(queries), json),
  };
}

/** One chart's place on the page: its figure, a text alternative, its table and downloads (filled by insights.js). */
const chartSection = (id: string, title: string, answers: string) => `<section class="chart" id="${id}" aria-labelledby="${id}-title">
<h2 id="${id}-title">${title}</h2>
<p class="answers">${answers}</p>
<p class="source" data-role="source">Loading…</p>
<div class="chart-body">
<div class="figure" data-role="figure" role="img" aria-labelledby="${id}-title ${id}-alt"></div>
<div class="numbers" data-role="table"></div>
</div>
<p class="alt" id="${id}-alt" data-role="alt"></p>
<p class="downloads">Download: <button type="button" data-download="svg">SVG</button> <button type="button" data-download="png">PNG</button> <button type="button" data-download="csv">CSV</button></p>
</section>`;

function page(assets: Record<string, Asset>): Asset {
  const url = (name: string) => assetUrl(insightsPath, assets, name);
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>nlai-graph · insights</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${url('insights.css')}">
</head>
<body data-outline="${url('netherlands.json')}" data-queries="${url('queries.json')}">
<header class="insights-bar">
<strong>nlai-graph insights</strong>
<label>Bearer token <input id="token" type="password" autocomplete="off" spellcheck="false" placeholder="optional; exact figures need talent:read"></label>
<button type="button" id="reload">Show</button>
<small id="mode" aria-live="polite"></small>
<a href="/explorer">Query explorer</a>
</header>
<main>
${chartSection('map', 'The network on a map', 'Where are the hubs, the spokes and their labs, and how many people do they train?')}
${chartSection('flow', 'Talent flow', 'Where do the people of each city stand, and how many graduates stay in the Netherlands?')}
${chartSection('retention', 'Retention per city', 'How many graduates does each city have, and how many of them work in the Netherlands?')}
${chartSection('growth', 'Growth of the network', 'How many labs started each year, by status, and how did the network grow?')}
${chartSection('courses', 'Courses per sector and vacancies per theme', 'For which sectors are there AI courses, and which themes do vacancies ask for?')}
</main>
<script src="${url('echarts.min.js')}"></script>
<script src="${url('tables.js')}"></script>
<script src="${url('insights.js')}"></script>
</body>
</html>
`;
  return asset(html, contentTypes.html);
}

/**
 * The insights page: five charts of the network's public figures (exact
 * with a talent:read token), drawn with Apache ECharts, all files from the
 * gateway itself under the same content security policy as the explorer.
 */
export function insightsRoutes(manifestFile: string, logger: Logger): Record<string, Route> {
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { operations: Array<{ name: string; body: string }> };
  const missing = pageOperations.filter((name) => !manifest.operations.some((operation) => operation.name === name));
  // An operator's own manifest may not list the page's operations: the graph still serves, without the page.
  if (missing.length > 0) {
    logger.warn(
      { manifestFile, missing },
      'the insights page is off: the persisted-operations manifest lacks its operations (npm run operations:manifest)',
    );
    return {};
  }
  const queries = Object.fromEntries(
    pageOperations.map((name) => [name, manifest.operations.find((operation) => operation.name === name)!.body]),
  );
  const assets = readAssets(queries);
  return pageRoutes(insightsPath, page(assets), assets);
}
