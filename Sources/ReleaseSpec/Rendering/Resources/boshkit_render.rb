# BoshKit's ERB evaluation context for BOSH job templates.
#
# Written for BoshKit from the behaviour of the BOSH director's template rendering (`p`, `if_p`, `spec`,
# `link`, `if_link`, the libraries a director process has loaded, how templates of one job share or get a
# fresh context). The classes carry the director's names because templates can see them (`self.class`,
# errors such as `uninitialized constant ...`). One process renders a batch of templates:
#
#   stdin:  {"timeout": seconds, "dns": {"azs": {az: id}, "groups": {"type/name/deployment": id}},
#            "jobs": [{"name": job, "spec": {...},
#                      "templates": [{"source": s, "destination": d, "content": base64}]}]}
#            (each job's first template is its monit file; "provided_links" per job, for other scripts)
#   stdout: {"jobs": [{"name": job, "files": [{"source": s, "destination": d, "content": base64} |
#            {"source": s, "destination": d, "error": {"class": c, "message": m, "line": n | null}}],
#            "error": {...} when the job's context could not be made}]}
#
# A job whose monit file fails answers only that error, as the director stops there. Before each template,
# "render <job>/<source>" is written to stderr so a caller that has to kill a stuck process knows which
# template was running. Anything a template prints goes to stderr too.

# What a director process has loaded when it renders (templates use these without requiring them).
%w[json erb ostruct shellwords base64 timeout yaml ipaddr set securerandom digest/sha1 time openssl zlib
   fileutils pathname tmpdir forwardable logger monitor optparse].each { |library| require library }

begin
  require 'active_support'
  require 'active_support/core_ext/object/blank'
rescue LoadError
  # Without ActiveSupport (Debian: ruby-activesupport), `blank?`/`present?` keep their usual meaning.
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
      /\A[[:space:]]*\z/.match?(self)
    end
  end

  class Numeric
    def blank?
      false
    end
  end
end

# The director's own core extensions, which templates have come to rely on.
class Object
  def to_openstruct
    self
  end
end

class Array
  def to_openstruct
    map(&:to_openstruct)
  end
end

class Hash
  def recursive_merge(other)
    merge(other) do |_, old_value, new_value|
      old_value.instance_of?(Hash) && new_value.instance_of?(Hash) ? old_value.recursive_merge(new_value) : new_value
    end
  end

  def to_openstruct
    OpenStruct.new(transform_values(&:to_openstruct))
  end
end

module Bosh
  module Common
    module Template
      # A missing property; the message names the looked-up names as an array.
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

      class EvaluationFailed < StandardError
      end

      # Dotted-name lookups in nested hashes.
      module PropertyHelper
        def lookup_property(tree, dotted)
          return nil if tree.nil?

          dotted.split('.').reduce(tree) do |node, key|
            value = node[key]
            return nil if value.nil?

            value
          end
        end

        # `p`/`if_p` over the hash `property_tree` answers.
        def p(*args)
          names = Array(args[0])
          names.each do |name|
            value = lookup_property(property_tree, name)
            return value unless value.nil?
          end
          return args[1] if args.length == 2

          raise UnknownProperty, names
        end

        def if_p(*names)
          values = names.map do |name|
            value = lookup_property(property_tree, name)
            return EvaluationContext::ActiveElseBlock.new(self) if value.nil?

            value
          end
          yield(*values)
          EvaluationContext::InactiveElseBlock.new
        end
      end

      # The director's DNS query names for `link(...).address`, in their long form
      # (`q-<criteria>.<group>.<network>.<deployment>.<domain>`) or, for link DNS names, the short one.
      class DnsEncoder
        HEALTH = { 'healthy' => 3, 'unhealthy' => 1, 'all' => 4, 'default' => 0 }.freeze

        def initialize(azs, groups)
          @azs = azs || {}
          @groups = groups || {}
        end

        def encode_query(criteria, short)
          slug = (criteria[:azs] || []).map do |az|
            id = @azs[az]
            raise "Unknown AZ: '#{az}'" if id.nil?

            "a#{id}"
          end
          case criteria[:initial_health_check]
          when 'synchronous' then slug << 'y1'
          when 'asynchronous' then slug << 'y0'
          end
          slug << "s#{HEALTH.fetch(criteria[:status], 0)}"
          octets = ["q-#{slug.sort.join}"]
          if short
            group = @groups["#{criteria[:group_type]}/#{criteria[:group_name]}/#{criteria[:deployment_name]}"]
            octets << "q-g#{group}"
          else
            octets += [criteria[:group_name], criteria[:default_network], criteria[:deployment_name]].map do |name|
              DnsEncoder.canonical(name.to_s)
            end
          end
          (octets << criteria[:root_domain]).join('.')
        end

        def self.canonical(name)
          name.downcase.tr('_', '-').gsub(/[^a-z0-9-]/, '')
        end
      end

      # A manual link's address: the same answer for any criteria.
      class ManualLinkDnsEncoder
        def initialize(address)
          @address = address
        end

        def encode_query(*_)
          @address
        end
      end

      class EvaluationLinkInstance
        include PropertyHelper
        attr_reader :name, :index, :id, :az, :address, :properties, :bootstrap

        def initialize(name, index, id, az, address, properties, bootstrap)
          @name = name
          @index = index
          @id = id
          @az = az
          @address = address
          @properties = properties
          @bootstrap = bootstrap
        end

        private

        def property_tree
          @properties
        end
      end

      class EvaluationLink
        include PropertyHelper
        attr_reader :instances, :properties

        def initialize(instances, properties, query, dns_encoder, short)
          @instances = instances
          @properties = properties
          @query = query
          @dns_encoder = dns_encoder
          @short = short
        end

        def address(criteria = {})
          raise NotImplementedError, 'link.address requires bosh director' if @dns_encoder.nil?

          @dns_encoder.encode_query(criteria.merge(@query), @short)
        end

        private

        def property_tree
          @properties
        end
      end

      class EvaluationContext
        include PropertyHelper
        attr_reader :name, :index, :properties, :raw_properties, :spec

        # What a template's `spec` is: hashes as these structs, answering `methods(false)` with their keys.
        class BackCompatOpenStruct < OpenStruct
          def methods(regular = true)
            regular ? super : marshal_dump.keys.map(&:to_sym)
          end
        end

        # What `if_p`/`if_link` return when their block did not run: the `else` branches get their turn.
        class ActiveElseBlock
          def initialize(owner)
            @context = owner
          end

          def else
            yield
          end

          def else_if_p(*names, &block)
            @context.if_p(*names, &block)
          end

          def else_if_link(name, &block)
            @context.if_link(name, &block)
          end
        end

        # What `if_p`/`if_link` return when their block ran: the `else` branches do nothing.
        class InactiveElseBlock
          def else; end

          def else_if_p(*_names)
            InactiveElseBlock.new
          end

          def else_if_link(_name)
            InactiveElseBlock.new
          end
        end

        def initialize(spec, dns_encoder)
          raise EvaluationFailed, "Invalid spec provided for template evaluation context, Hash expected, #{spec.class} given" unless spec.is_a?(Hash)

          @name = spec['name']
          @index = spec['index']
          @spec = EvaluationContext.structs(spec, BackCompatOpenStruct)
          @raw_properties = spec['properties'] || {}
          @properties = EvaluationContext.structs(@raw_properties, OpenStruct)
          @dns_encoder = dns_encoder
          @links = spec['links'] || {}
        end

        # Two contexts are equal while what templates can see of them is: a template that changed nothing
        # passes its context on to the next one.
        def ==(other)
          %w[spec raw_properties name index properties].all? do |member|
            other.respond_to?(member) && send(member) == other.send(member)
          end
        end

        def self.structs(value, klass)
          case value
          when Hash then klass.new(value.each_with_object({}) { |(k, v), h| h[k] = structs(v, klass) })
          when Array then value.map { |v| structs(v, klass) }
          else value
          end
        end

        def get_binding
          binding
        end

        def link(name)
          data = lookup_property(@links, name)
          raise UnknownLink, name unless data.is_a?(Hash) && data.key?('instances')

          evaluation_link(data)
        end

        def if_link(name)
          data = lookup_property(@links, name)
          return ActiveElseBlock.new(self) unless data.is_a?(Hash) && data.key?('instances')

          yield evaluation_link(data)
          InactiveElseBlock.new
        end

        private

        def property_tree
          @raw_properties
        end

        def evaluation_link(data)
          instances = data['instances'].map do |i|
            EvaluationLinkInstance.new(i['name'], i['index'], i['id'], i['az'], i['address'], i['properties'], i['bootstrap'])
          end
          encoder = data.key?('address') ? ManualLinkDnsEncoder.new(data['address']) : @dns_encoder
          query = { group_name: data['instance_group'], group_type: 'instance-group' }
          if data.fetch('use_link_dns_names', false)
            query = { group_name: data['group_name'], group_type: 'link' }
          end
          query.merge!(default_network: data['default_network'], deployment_name: data['deployment_name'],
                       root_domain: data['domain'])
          EvaluationLink.new(instances, data['properties'], query, encoder, data.fetch('use_short_dns_addresses', false))
        end
      end
    end
  end
end

module BoshKitRender
  module_function

  # The template line an error happened on, as the director finds it: the first backtrace entry in the
  # template (none for a syntax error, which the director prints as `line (unknown)`).
  def line_of(error, filename)
    frame = (error.backtrace || []).find { |l| l.include?(filename) }
    frame && frame.split(':')[1].to_i
  end

  def render_one(job_name, template, context, seconds)
    filename = File.join(job_name, template['source'])
    $stderr.write("render #{filename}\n")
    erb = ERB.new(Base64.decode64(template['content']).force_encoding('UTF-8'), trim_mode: '-')
    erb.filename = filename
    text = Timeout.timeout(seconds) { erb.result(context.get_binding) }
    { 'content' => Base64.strict_encode64(text.b) }
  rescue Exception => e # rubocop:disable Lint/RescueException
    message = e.is_a?(Timeout::Error) ? "template took longer than #{seconds} seconds" : e.to_s
    { 'error' => { 'class' => e.class.name, 'message' => message, 'line' => line_of(e, filename) } }
  end

  TYPED_KEY = "\u0001"

  # Hash keys that are not strings in Ruby come marked (`"\u0001int:1"`); they become Ruby's values again.
  def typed_keys(value)
    case value
    when Hash
      value.each_with_object({}) do |(key, child), hash|
        hash[key.start_with?(TYPED_KEY) ? typed_key(key[1..]) : key] = typed_keys(child)
      end
    when Array then value.map { |child| typed_keys(child) }
    else value
    end
  end

  def typed_key(text)
    type, value = text.split(':', 2)
    case type
    when 'bool' then value == 'true'
    when 'int' then Integer(value)
    when 'float' then Float(value)
    end
  end

  # One job as the director renders it: monit with a copy of the job's context, then each template with
  # that same context while no template has changed what it can see, else with a fresh copy. A context that
  # cannot be made (a hash key OpenStruct cannot take) fails the whole job, before any template.
  def render_job(job, encoder, seconds)
    monit, *templates = job['templates']
    begin
      original = Bosh::Common::Template::EvaluationContext.new(typed_keys(job['spec']), encoder)
    rescue StandardError => e
      return { 'error' => { 'class' => e.class.name, 'message' => e.message, 'line' => nil }, 'files' => [] }
    end
    context = Marshal.load(Marshal.dump(original))
    files = [file(monit, render_one(job['name'], monit, context, seconds))]
    return { 'files' => files } if files[0].key?('error')

    { 'files' => files + templates.map do |template|
      context = Marshal.load(Marshal.dump(original)) unless original == context
      file(template, render_one(job['name'], template, context, seconds))
    end }
  end

  def file(template, result)
    { 'source' => template['source'], 'destination' => template['destination'] }.merge(result)
  end

  def run(input, output)
    request = JSON.parse(input, allow_nan: true)
    seconds = request.fetch('timeout', 30)
    dns = request['dns'] || {}
    encoder = Bosh::Common::Template::DnsEncoder.new(dns['azs'], dns['groups'])
    jobs = request['jobs'].map { |job| { 'name' => job['name'] }.merge(render_job(job, encoder, seconds)) }
    output.write(JSON.generate({ 'jobs' => jobs }))
    output.flush
  end
end

if $PROGRAM_NAME == __FILE__
  protocol = STDOUT.dup
  STDOUT.reopen(STDERR)
  BoshKitRender.run(STDIN.read, protocol)
end
