// Turns the server-drawn city map into a Leaflet map one can pan and zoom.
// The base layer is the city's own GeoJSON (boundary, districts, river,
// roads) from this server: no tile server is asked for anything. The tables
// under the map stay, as the keyboard and screen-reader way to the same data.
const holder = document.getElementById("safety-map");
const L = window.L;

const STYLES = {
  boundary: { color: "#0b0c0c", weight: 2, fill: false },
  district: { color: "#505a5f", weight: 1, fillColor: "#ffffff", fillOpacity: 0.6 },
  river: { color: "#5694ca", weight: 6 },
  road: { color: "#b1b4b6", weight: 3 },
};

async function json(url) {
  const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

async function enhance() {
  const [city, features] = await Promise.all([
    json(holder.dataset.cityUrl),
    json(holder.dataset.featuresUrl),
  ]);
  const box = document.createElement("div");
  box.id = "safety-leaflet";
  box.className = "th-safety-leaflet govuk-!-margin-bottom-6";
  box.setAttribute("role", "region");
  box.setAttribute("aria-label", holder.dataset.label);
  holder.querySelector("figure").hidden = true;
  holder.prepend(box);

  const map = L.map(box, { attributionControl: false, zoomControl: false, zoomSnap: 0.25 });
  L.control.zoom({ zoomInTitle: holder.dataset.zoomIn, zoomOutTitle: holder.dataset.zoomOut }).addTo(map);
  const base = L.geoJSON(city, {
    style: (feature) => ({
      ...(STYLES[feature.properties.layer] || STYLES.road),
      className: `th-city th-city-${feature.properties.layer}`,
    }),
    onEachFeature: (feature, layer) => {
      if (feature.properties.name) layer.bindTooltip(feature.properties.name, { sticky: true });
    },
  }).addTo(map);
  map.fitBounds(base.getBounds(), { padding: [8, 8] });
  // Sensors above incidents: an incident opened by a sensor sits on it.
  map.createPane("sensors").style.zIndex = 650;

  for (const sensor of features.sensors) {
    const alerting = sensor.state === "alerting";
    L.circleMarker([sensor.latitude, sensor.longitude], {
      radius: alerting ? 9 : 6,
      color: alerting ? "#0b0c0c" : "#ffffff",
      weight: alerting ? 2 : 1,
      fillColor: alerting ? "#d4351c" : "#00703c",
      fillOpacity: 1,
      className: `th-sensor th-sensor-${sensor.state}`,
      pane: "sensors",
    })
      .bindTooltip(sensor.label)
      .on("click", () => window.location.assign(sensor.url))
      .addTo(map);
  }
  for (const incident of features.incidents) {
    const marker = L.marker([incident.latitude, incident.longitude], {
      icon: L.divIcon({
        className: "th-incident-icon",
        html: '<span class="th-incident-diamond"></span>',
        iconSize: [18, 18],
      }),
      title: incident.label,
      keyboard: true,
    })
      .on("click", () => window.location.assign(incident.url))
      .addTo(map);
    marker.getElement().setAttribute("aria-label", incident.label);
  }
  holder.dataset.ready = "true";
}

if (holder && L && window.fetch) {
  enhance().catch(() => {
    // Keep the server-drawn map when the data cannot be had.
    holder.querySelector("figure").hidden = false;
    document.getElementById("safety-leaflet")?.remove();
  });
}
