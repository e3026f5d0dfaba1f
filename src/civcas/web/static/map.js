// The incident map: bundled country outlines (no network), a tile server only when one is
// configured, incidents as markers coloured by grade and clustered by zoom.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") return;

  // Grade colours match style.css; a cluster takes the colour of its gravest grade.
  var GRADES = ["Confirmed", "Fair", "Weak", "Contested", "Discounted"];
  var COLOURS = {
    Confirmed: "#8a1c1c",
    Fair: "#d9822b",
    Weak: "#e6c74c",
    Contested: "#7a5ea8",
    Discounted: "#8c959f",
    none: "#1f5f99",
  };
  var colour = function (grade) { return COLOURS[grade] || COLOURS.none; };
  var gravity = function (grade) { var i = GRADES.indexOf(grade); return i < 0 ? GRADES.length : i; };

  // Clustering needs a maxZoom, which a map without a tile layer does not get from one.
  var map = L.map(el, { worldCopyJump: true, minZoom: 2, maxZoom: 18 }).setView([34.8, 39.0], 6);
  map.attributionControl.setPrefix("");
  var tileUrl = el.dataset.tileUrl;
  if (tileUrl) {
    L.tileLayer(tileUrl, { maxZoom: 18, attribution: el.dataset.tileAttribution || "" }).addTo(map);
  } else {
    map.getContainer().classList.add("offline");
  }
  fetch(el.dataset.outlineUrl, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (outlines) {
      var layer = L.geoJSON(outlines, {
        interactive: false,
        style: { color: "#7d8a96", weight: 1, fillColor: "#eef0ea", fillOpacity: tileUrl ? 0 : 1 },
      }).addTo(map);
      layer.bringToBack();
    });

  var clusters = L.markerClusterGroup({
    chunkedLoading: true,
    showCoverageOnHover: false,
    maxClusterRadius: 50,
    iconCreateFunction: function (cluster) {
      var gravest = GRADES.length;
      cluster.getAllChildMarkers().forEach(function (m) { gravest = Math.min(gravest, gravity(m.options.grade)); });
      var n = cluster.getChildCount();
      var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
      var icon = document.createElement("div");
      icon.className = "cluster cluster-" + (GRADES[gravest] || "none").toLowerCase();
      icon.textContent = n >= 1000 ? Math.round(n / 100) / 10 + "k" : String(n);
      return L.divIcon({ html: icon, className: "cluster-icon", iconSize: [size, size] });
    },
  });

  var text = function (tag, value, cls) {
    var node = document.createElement(tag);
    node.textContent = value;
    if (cls) node.className = cls;
    return node;
  };
  // Popups are built from DOM nodes, never HTML strings: titles come from untrusted reports.
  var popup = function (p) {
    var box = document.createElement("div");
    var link = text("a", p.title || "Incident " + p.id);
    link.href = "/incidents/" + encodeURIComponent(p.id);
    box.appendChild(link);
    var parts = [p.date || "date unknown", p.belligerent || "belligerent unknown"];
    parts.push((p.civilians_killed || "–") + " civilians killed");
    box.appendChild(text("div", parts.join(" · "), "popup-meta"));
    box.appendChild(text("div", (p.grade || "not graded") + " · " + p.state.replace(/_/g, " "), "popup-meta"));
    return box;
  };

  var count = document.getElementById("map-count");
  fetch(el.dataset.pointsUrl, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var markers = data.features.map(function (f) {
        var p = f.properties;
        var c = f.geometry.coordinates;
        var marker = L.circleMarker([c[1], c[0]], {
          radius: 7,
          color: "#fff",
          weight: 1.5,
          fillColor: colour(p.grade),
          fillOpacity: 0.9,
          grade: p.grade,
        });
        marker.bindPopup(function () { return popup(p); });
        return marker;
      });
      clusters.addLayers(markers);
      map.addLayer(clusters);
      if (markers.length) map.fitBounds(clusters.getBounds(), { maxZoom: 9, padding: [30, 30] });
      if (count) {
        var n = markers.length;
        count.textContent = n.toLocaleString("en") + " incident" + (n === 1 ? "" : "s") + " on the map" +
          (data.truncated ? " (the newest; narrow the filters to see the rest)" : "");
        count.dataset.count = String(n);
      }
      el.dataset.ready = "true";
    })
    .catch(function (err) {
      if (window.console) console.error(err);
      if (count) count.textContent = "The incidents could not be loaded.";
    });
})();
