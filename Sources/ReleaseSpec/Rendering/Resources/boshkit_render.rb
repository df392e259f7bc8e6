# BoshKit's ERB evaluation context for BOSH job templates.
#
# Written for BoshKit from the behaviour the BOSH director documents for job templates (`p`, `if_p`,
# `spec`, `link`, `if_link` ...). One process renders a batch of templates:
#
#   stdin:  {"timeout": seconds, "jobs": [{"name": job, "spec": {...},
#            "templates": [{"source": s, "destination": d, "content": base64}]}]}
#   stdout: {"jobs": [{"name": job, "files": [{"source": s, "destination": d, "content": base64} |
#            {"source": s, "destination": d, "error": {"class": c, "message": m, "line": n}}]}]}
#
# Before each template, "render <job>/<source>" is written to stderr so a caller that has to kill a
# stuck process knows which template was running. Anything a template prints goes to stderr too.

require 'json'
require 'erb'
require 'ostruct'
require 'shellwords'
require 'base64'
require 'timeout'

begin
  require 'active_support'
  require 'active_support/core_ext/object/blank'
rescue LoadError
  # Templates written against the director may call `blank?`/`present?`; give them the usual meaning.
  class Object
    def blank?
      respond_to?(:empty?) ? !!empty? : !self
    end

    def present?
      !blank?
    end

    def presence
      self if present?
    end
  end

  class String
    def blank?
      strip.empty?
    end
  end

  class Numeric
    def blank?
      false
    end
  end
end

# `spec` is an OpenStruct that answers `methods(false)` with its keys, as some templates expect. It carries
# the director's class name because templates can see it (`spec.inspect`, `is_a?`).
module Bosh
  module Common
    module Template
      class EvaluationContext
        class BackCompatOpenStruct < OpenStruct
          def methods(regular = true)
            regular ? super : to_h.keys.map(&:to_sym)
          end
        end
      end
    end
  end
end

module BoshKitRender
  # A missing property; the message names the looked-up names as an array, as the director does.
  class UnknownProperty < StandardError
    attr_reader :name

    def initialize(names)
      @name = names
      super("Can't find property '#{names}'")
    end
  end

  class UnknownLink < StandardError
    def initialize(name)
      super("Can't find link '#{name}'")
    end
  end

  class InvalidPropertyType < StandardError
  end

  # Dotted-name lookups in nested hashes.
  module Lookup
    module_function

    def find(tree, dotted)
      return nil if tree.nil?

      dotted.split('.').reduce(tree) do |node, key|
        value = node[key]
        break nil if value.nil?

        value
      end
    end

    def first_set(tree, args)
      names = Array(args[0])
      names.each do |name|
        value = find(tree, name)
        return value unless value.nil?
      end
      return args[1] if args.length == 2

      raise UnknownProperty.new(names)
    end

    def all_set(tree, names)
      names.map do |name|
        value = find(tree, name)
        return nil if value.nil?

        value
      end
    end
  end

  # What `if_p`/`if_link` return when their block ran: the `else` branches do nothing.
  class SkippedElse
    def else; end

    def else_if_p(*_names)
      self
    end

    def else_if_link(_name)
      self
    end
  end

  # What `if_p`/`if_link` return when their block did not run: the `else` branches get their turn.
  class PendingElse
    def initialize(owner)
      @owner = owner
    end

    def else
      yield
    end

    def else_if_p(*names, &block)
      @owner.if_p(*names, &block)
    end

    def else_if_link(name, &block)
      @owner.if_link(name, &block)
    end
  end

  # `p`/`if_p` over a properties hash (`@properties` unless `property_tree` says otherwise), shared by the
  # context, links and link instances.
  module PropertyReader
    def p(*args)
      Lookup.first_set(property_tree, args)
    end

    def if_p(*names)
      values = Lookup.all_set(property_tree, names)
      return PendingElse.new(self) if values.nil?

      yield(*values)
      SkippedElse.new
    end

    private

    def property_tree
      @properties
    end
  end

  class LinkInstance
    include PropertyReader
    attr_reader :name, :index, :id, :az, :address, :properties, :bootstrap

    def initialize(hash)
      @name = hash['name']
      @index = hash['index']
      @id = hash['id']
      @az = hash['az']
      @address = hash['address']
      @properties = hash['properties']
      @bootstrap = hash['bootstrap']
    end
  end

  class Link
    include PropertyReader
    attr_reader :instances, :properties

    def initialize(hash)
      @hash = hash
      @instances = hash['instances'].map { |instance| LinkInstance.new(instance) }
      @properties = hash['properties']
    end

    # The link's DNS address. BoshKit does not run a DNS encoder: the address comes with the link data
    # (as for manual links); without one this fails as it does outside a director.
    def address(_criteria = {})
      address = @hash['address']
      raise NotImplementedError, 'link.address requires bosh director' if address.nil?

      address
    end
  end

  SpecStruct = Bosh::Common::Template::EvaluationContext::BackCompatOpenStruct

  class Context
    include PropertyReader
    attr_reader :name, :index, :spec, :properties, :raw_properties

    def initialize(spec)
      @name = spec['name']
      @index = spec['index']
      @raw_properties = spec['properties'] || {}
      @links = spec['links'] || {}
      @spec = Context.structs(spec, SpecStruct)
      @properties = Context.structs(@raw_properties, OpenStruct)
    end

    def self.structs(value, klass)
      case value
      when Hash then klass.new(value.transform_values { |v| structs(v, klass) })
      when Array then value.map { |v| structs(v, klass) }
      else value
      end
    end

    def get_binding
      binding
    end

    def link(name)
      data = Lookup.find(@links, name)
      raise UnknownLink.new(name) unless data.is_a?(Hash) && data.key?('instances')

      Link.new(data)
    end

    def if_link(name)
      data = Lookup.find(@links, name)
      return PendingElse.new(self) unless data.is_a?(Hash) && data.key?('instances')

      yield Link.new(data)
      SkippedElse.new
    end

    private

    def property_tree
      @raw_properties
    end
  end

  module_function

  def line_of(error, filename)
    if error.is_a?(SyntaxError)
      match = error.message.match(/#{Regexp.escape(filename)}:(\d+)/)
      return match[1].to_i if match
    end
    frame = (error.backtrace || []).find { |l| l.include?(filename) }
    frame && frame.split(':')[1].to_i
  end

  def render_one(job_name, spec, template, seconds)
    filename = File.join(job_name, template['source'])
    $stderr.write("render #{filename}\n")
    erb = ERB.new(Base64.decode64(template['content']).force_encoding('UTF-8'), trim_mode: '-')
    erb.filename = filename
    context = Context.new(spec)
    text = Timeout.timeout(seconds) { erb.result(context.get_binding) }
    { 'content' => Base64.strict_encode64(text.b) }
  rescue Exception => e # rubocop:disable Lint/RescueException
    message = e.is_a?(Timeout::Error) ? "template took longer than #{seconds} seconds" : e.message
    { 'error' => { 'class' => e.class.name, 'message' => message, 'line' => line_of(e, filename) } }
  end

  def run(input, output)
    request = JSON.parse(input)
    seconds = request.fetch('timeout', 30)
    jobs = request['jobs'].map do |job|
      files = job['templates'].map do |template|
        result = render_one(job['name'], job['spec'], template, seconds)
        { 'source' => template['source'], 'destination' => template['destination'] }.merge(result)
      end
      { 'name' => job['name'], 'files' => files }
    end
    output.write(JSON.generate({ 'jobs' => jobs }))
    output.flush
  end
end

if $PROGRAM_NAME == __FILE__
  protocol = STDOUT.dup
  STDOUT.reopen(STDERR)
  BoshKitRender.run(STDIN.read, protocol)
end
