// Starts Swagger UI on the bundled OpenAPI description (kept out of the HTML for the CSP).
window.addEventListener("DOMContentLoaded", function () {
  var el = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({ url: el.dataset.openapiUrl, dom_id: "#swagger-ui", deepLinking: true });
});
