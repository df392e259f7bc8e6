# frozen_string_literal: true

# Small HTTP/1.x helpers for hello-server, on the `socket` standard library only: reading one request with
# limits and a timeout, and writing a response that closes the connection.
module HelloLib
  MAX_REQUEST_LINE = 8192
  MAX_HEADERS = 100
  READ_TIMEOUT = 10

  REASONS = {
    200 => 'OK', 400 => 'Bad Request', 404 => 'Not Found', 405 => 'Method Not Allowed',
    408 => 'Request Timeout', 431 => 'Request Header Fields Too Large', 500 => 'Internal Server Error'
  }.freeze

  # A parsed request line and headers.
  Request = Struct.new(:method, :path, :version, :headers)

  # Raised for a request that cannot be answered normally; `status` is the HTTP status to answer with.
  class BadRequest < StandardError
    attr_reader :status

    def initialize(status, message)
      super(message)
      @status = status
    end
  end

  module_function

  # Reads one request (request line and headers; a body is not read) from `io`.
  def read_request(io)
    line = read_line(io)
    raise BadRequest.new(400, 'empty request') if line.nil? || line.empty?

    parts = line.split(' ')
    unless parts.length == 3 && parts[2].start_with?('HTTP/1.')
      raise BadRequest.new(400, "malformed request line #{line[0, 100].inspect}")
    end

    headers = {}
    loop do
      header = read_line(io)
      raise BadRequest.new(400, 'connection closed inside the headers') if header.nil?
      break if header.empty?
      raise BadRequest.new(431, 'too many headers') if headers.length >= MAX_HEADERS

      name, value = header.split(':', 2)
      raise BadRequest.new(400, "malformed header #{header[0, 100].inspect}") if value.nil?

      headers[name.strip.downcase] = value.strip
    end
    Request.new(parts[0], parts[1], parts[2], headers)
  end

  # One CRLF- or LF-terminated line without its terminator; nil at the end of the stream.
  def read_line(io)
    raise BadRequest.new(408, 'timed out reading the request') unless io.wait_readable(READ_TIMEOUT)

    line = io.gets("\n", MAX_REQUEST_LINE)
    return nil if line.nil?
    raise BadRequest.new(431, 'request line or header too long') unless line.end_with?("\n")

    line.chomp
  end

  # Writes a complete response and leaves closing the connection to the caller.
  def write_response(io, status, body, content_type: 'text/plain; charset=utf-8', head: false)
    body = body.to_s.b
    io.write(
      "HTTP/1.1 #{status} #{REASONS.fetch(status, 'Unknown')}\r\n" \
      "Content-Type: #{content_type}\r\n" \
      "Content-Length: #{body.bytesize}\r\n" \
      "Connection: close\r\n\r\n"
    )
    io.write(body) unless head
  end
end
