#!/usr/bin/env ruby
# frozen_string_literal: true

# hello-server: answers `GET /` with a greeting and the instance it runs on, `GET /health` with 200.
# Usage: ruby -I <hello-lib>/lib server.rb CONFIG_JSON
# One thread per connection; SIGTERM and SIGINT stop it cleanly (exit status 0).
require 'json'
require 'socket'
require 'hello_lib'

$stdout.sync = true
$stderr.sync = true

def log(message)
  $stdout.puts("#{Time.now.utc.strftime('%FT%T.%LZ')} #{message}")
end

config_path = ARGV.fetch(0) do
  warn 'usage: hello-server CONFIG_JSON'
  exit 2
end
config = JSON.parse(File.read(config_path))
bind = config.fetch('bind', '127.0.0.1')
port = Integer(config.fetch('port'))
greeting = config.fetch('greeting', 'Hello')
instance = config.fetch('instance', {})

description = format(
  "%<greeting>s\ninstance: %<name>s/%<index>s (%<id>s)\naz: %<az>s\nip: %<ip>s\n",
  greeting: greeting, name: instance['name'], index: instance['index'], id: instance['id'],
  az: instance['az'] || '-', ip: instance['ip'] || bind
)

server = TCPServer.new(bind, port)
log("hello-server #{instance['name']}/#{instance['index']} listening on #{bind}:#{port} (pid #{Process.pid})")

# A trap handler only records the signal; the main thread notices it and stops accepting.
stop_reader, stop_writer = IO.pipe
%w[TERM INT].each do |signal|
  Signal.trap(signal) do
    stop_writer.write_nonblock('.') rescue nil # rubocop:disable Style/RescueModifier
  end
end

def handle(client, description)
  request = HelloLib.read_request(client)
  head = request.method == 'HEAD'
  unless %w[GET HEAD].include?(request.method)
    HelloLib.write_response(client, 405, "method #{request.method} is not allowed\n")
    return "#{request.method} #{request.path} 405"
  end

  case request.path.split('?', 2).first
  when '/'
    HelloLib.write_response(client, 200, description, head: head)
    "#{request.method} #{request.path} 200"
  when '/health'
    HelloLib.write_response(client, 200, "ok\n", head: head)
    "#{request.method} #{request.path} 200"
  else
    HelloLib.write_response(client, 404, "no such page: #{request.path}\n", head: head)
    "#{request.method} #{request.path} 404"
  end
rescue HelloLib::BadRequest => e
  begin
    HelloLib.write_response(client, e.status, "#{e.message}\n")
  rescue StandardError
    nil
  end
  "bad request (#{e.status}): #{e.message}"
end

loop do
  ready, = IO.select([server, stop_reader])
  break if ready.include?(stop_reader)

  begin
    client = server.accept_nonblock
  rescue IO::WaitReadable, Errno::EINTR, Errno::ECONNABORTED
    next
  end
  Thread.new(client) do |connection|
    peer = connection.remote_address.inspect_sockaddr rescue '?' # rubocop:disable Style/RescueModifier
    outcome = handle(connection, description)
    log("#{peer} #{outcome}")
  rescue StandardError => e
    log("#{peer} error: #{e.class}: #{e.message}")
  ensure
    connection.close rescue nil # rubocop:disable Style/RescueModifier
  end
end

server.close
log('hello-server stopped')
exit 0
