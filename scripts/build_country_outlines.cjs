// Builds src/civcas/web/static/map/countries.geojson, the offline base layer of the map.
// Natural Earth outlines from the npm package world-atlas (public domain), converted once from
// TopoJSON with topojson-client. Detailed (1:50m) where civcas' monitors work, coarse (1:110m)
// elsewhere, coordinates rounded to ~1 km, to keep the file under 1 MB.
//
//   npm pack world-atlas@2 topojson-client@3 && tar xzf each into world-atlas/ and topojson-client/
//   node scripts/build_country_outlines.cjs world-atlas/package topojson-client/package OUT.geojson
const fs = require("fs");
const [, , atlasDir, clientDir, output] = process.argv;
const topojson = require(`${clientDir}/dist/topojson-client.js`);
const REGION = { west: -20, east: 80, south: -5, north: 45 }; // Middle East, North Africa, Horn, Af-Pak

const load = (scale) => {
  const topo = JSON.parse(fs.readFileSync(`${atlasDir}/countries-${scale}.json`, "utf8"));
  return topojson.feature(topo, topo.objects.countries).features;
};
const round = (c) => (typeof c[0] === "number" ? [Math.round(c[0] * 100) / 100, Math.round(c[1] * 100) / 100] : c.map(round));
const points = (c) => (typeof c[0] === "number" ? [c] : c.flatMap(points));
const inRegion = (f) =>
  points(f.geometry.coordinates).some(
    ([x, y]) => x >= REGION.west && x <= REGION.east && y >= REGION.south && y <= REGION.north,
  );

const detailed = load("50m").filter((f) => f.geometry && inRegion(f));
const names = new Set(detailed.map((f) => f.properties.name));
const coarse = load("110m").filter((f) => f.geometry && !names.has(f.properties.name));
const features = [...detailed, ...coarse].map((f) => ({
  type: "Feature",
  properties: { name: f.properties.name },
  geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) },
}));
fs.writeFileSync(output, JSON.stringify({ type: "FeatureCollection", features }));
console.log(`${output}: ${features.length} countries, ${fs.statSync(output).size} bytes`);
