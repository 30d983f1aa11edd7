// HTTP over libcurl: the one file that calls libcurl. No retries here (rest_client decides).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace sg {

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  long timeout_ms = 30000;  // the whole request: connect, send, wait and read
};

struct HttpResponse {
  long status = 0;                             // 0 when the request never got a response
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string error;  // transport failure (DNS, refused, timeout), "" otherwise
};

HttpResponse http_perform(const HttpRequest& request);

}  // namespace sg
