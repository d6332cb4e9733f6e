/* The /docs page: Swagger UI (swagger-ui-bundle.js from the fastapi-offline package, served by duban under
   /static/apidocs/) on /api/openapi.json. No inline script (CSP), no network access beyond this site. */
window.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("swagger-ui");
  var token = root.getAttribute("data-csrf") || "";
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-spec"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    requestInterceptor: function (req) {
      if (token) { req.headers["X-CSRF-Token"] = token; }
      return req;
    }
  });
});
