// Starts Swagger UI on the OpenAPI document (kept out of the HTML for the CSP).
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!window.SwaggerUIBundle || !root) return;
  window.SwaggerUIBundle({ url: root.getAttribute("data-openapi-url"), dom_id: "#swagger-ui", deepLinking: true });
})();
