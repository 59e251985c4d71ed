using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace DigitalEconomy.Econometrics.Tests.PublicApi;

/// <summary>
/// Renders the public surface of an assembly (every type and member a consumer can see: public, protected,
/// protected internal) as sorted, C#-like text, one declaration per line, with nullable annotations,
/// default values and accessor kinds. Two assemblies with the same listing are source-compatible for callers.
/// </summary>
public static class PublicApiListing
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>The listing: types sorted by full name, each followed by its indented, sorted members.</summary>
    public static string Render(Assembly assembly)
    {
        var text = new StringBuilder();
        var types = assembly.GetExportedTypes().OrderBy(t => TypeDisplayName(t), StringComparer.Ordinal);
        foreach (var type in types)
        {
            text.Append(TypeHeader(type)).Append('\n');
            // Constructors first, then members by name (overloads by their full text), like a class outline.
            var members = Members(type)
                .OrderBy(m => m.Name, StringComparer.Ordinal)
                .ThenBy(m => m.Text, StringComparer.Ordinal);
            foreach (var member in members)
                text.Append("    ").Append(member.Text).Append('\n');
            text.Append('\n');
        }
        return text.ToString();
    }

    private static IEnumerable<(string Name, string Text)> Members(Type type)
    {
        if (type.IsEnum)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
                yield return (field.Name, $"{field.Name} = {Convert.ToInt64(field.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)}");
            yield break;
        }
        if (IsDelegate(type)) yield break; // the header carries the signature

        var nullability = new NullabilityInfoContext();
        foreach (var member in type.GetMembers(Declared))
        {
            if (member.Name.Contains('<')) continue; // compiler-generated (record clone, backing fields)
            switch (member)
            {
                case ConstructorInfo ctor when IsVisible(ctor):
                    yield return (" ctor", $"{Access(ctor)}{(ctor.IsStatic ? "static " : "")}{type.Name.Split('`')[0]}({Parameters(ctor, nullability)})");
                    break;
                case MethodInfo method when IsVisible(method) && !IsAccessor(method):
                    yield return (method.Name, Method(method, nullability));
                    break;
                case PropertyInfo property when Accessors(property).Any(IsVisible):
                    yield return (property.Name, Property(property, nullability));
                    break;
                case FieldInfo field when IsVisible(field):
                    yield return (field.Name, Field(field, nullability));
                    break;
                case EventInfo evt when evt.AddMethod is { } add && IsVisible(add):
                    yield return (evt.Name, $"{Access(add)}{Modifiers(add)}event {TypeName(evt.EventHandlerType!, nullability.Create(evt))} {evt.Name}");
                    break;
            }
        }
    }

    private static string TypeHeader(Type type)
    {
        var name = TypeDisplayName(type);
        if (IsDelegate(type))
        {
            var invoke = type.GetMethod("Invoke")!;
            var ctx = new NullabilityInfoContext();
            return $"public delegate {TypeName(invoke.ReturnType, ctx.Create(invoke.ReturnParameter))} {name}({Parameters(invoke, ctx)})";
        }
        string kind;
        if (type.IsEnum) kind = "enum";
        else if (type.IsInterface) kind = "interface";
        else if (type.IsValueType)
            kind = (type.IsDefined(typeof(IsReadOnlyAttribute), false) ? "readonly " : "") + (IsRecord(type) ? "record struct" : "struct");
        else if (type.IsAbstract && type.IsSealed) kind = "static class";
        else kind = (type.IsAbstract ? "abstract " : type.IsSealed ? "sealed " : "") + (IsRecord(type) ? "record" : "class");

        var bases = new List<string>();
        if (type.IsEnum) bases.Add(TypeName(Enum.GetUnderlyingType(type)));
        else if (type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType)) bases.Add(TypeName(b));
        if (!type.IsEnum)
            bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(i => TypeName(i)).Order(StringComparer.Ordinal));
        return $"public {kind} {name}{GenericConstraints(type.IsGenericTypeDefinition ? type.GetGenericArguments() : [])}"
               + (bases.Count > 0 ? " : " + string.Join(", ", bases) : "");
    }

    private static string Method(MethodInfo method, NullabilityInfoContext ctx)
    {
        var generic = method.IsGenericMethodDefinition
            ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">"
            : "";
        var returns = TypeName(method.ReturnType, ctx.Create(method.ReturnParameter));
        var thisPrefix = method.IsDefined(typeof(ExtensionAttribute), false) ? "this " : "";
        var constraints = method.IsGenericMethodDefinition ? GenericConstraints(method.GetGenericArguments()) : "";
        var parameters = Parameters(method, ctx);
        return $"{Access(method)}{Modifiers(method)}{returns} {method.Name}{generic}({thisPrefix}{parameters}){constraints}";
    }

    private static string Property(PropertyInfo property, NullabilityInfoContext ctx)
    {
        var accessors = new List<string>();
        if (property.GetMethod is { } get && IsVisible(get)) accessors.Add(AccessorAccess(property, get) + "get;");
        if (property.SetMethod is { } set && IsVisible(set))
        {
            var isInit = set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
            accessors.Add(AccessorAccess(property, set) + (isInit ? "init;" : "set;"));
        }
        var indexParameters = property.GetIndexParameters();
        var name = indexParameters.Length == 0
            ? property.Name
            : "this[" + string.Join(", ", indexParameters.Select(p => Parameter(p, ctx))) + "]";
        var main = Accessors(property).Where(IsVisible).OrderByDescending(m => m.IsPublic).First();
        return $"{Access(main)}{Modifiers(main)}{TypeName(property.PropertyType, ctx.Create(property))} {name} {{ {string.Join(" ", accessors)} }}";
    }

    private static string Field(FieldInfo field, NullabilityInfoContext ctx)
    {
        var type = TypeName(field.FieldType, ctx.Create(field));
        if (field.IsLiteral)
            return $"{Access(field)}const {type} {field.Name} = {Literal(field.GetRawConstantValue(), field.FieldType)}";
        var modifiers = (field.IsStatic ? "static " : "") + (field.IsInitOnly ? "readonly " : "");
        return $"{Access(field)}{modifiers}{type} {field.Name}";
    }

    private static string Parameters(MethodBase method, NullabilityInfoContext ctx) =>
        string.Join(", ", method.GetParameters().Select(p => Parameter(p, ctx)));

    private static string Parameter(ParameterInfo p, NullabilityInfoContext ctx)
    {
        var type = p.ParameterType;
        var prefix = "";
        if (type.IsByRef)
        {
            prefix = p.IsOut ? "out " : p.IsIn ? "in " : "ref ";
            type = type.GetElementType()!;
        }
        if (p.IsDefined(typeof(ParamArrayAttribute), false)) prefix = "params " + prefix;
        var text = $"{prefix}{TypeName(type, ctx.Create(p))} {p.Name}";
        if (p.HasDefaultValue) text += " = " + Literal(p.RawDefaultValue, type);
        return text;
    }

    private static string Literal(object? value, Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return value switch
        {
            null => type.IsValueType && Nullable.GetUnderlyingType(type) is null ? "default" : "null",
            string s => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
            char c => $"'{c}'",
            bool b => b ? "true" : "false",
            _ when underlying.IsEnum => TypeName(underlying) + "." + Enum.ToObject(underlying, value),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }

    private static string GenericConstraints(Type[] arguments)
    {
        var clauses = new List<string>();
        foreach (var argument in arguments)
        {
            var parts = new List<string>();
            var attributes = argument.GenericParameterAttributes;
            if (attributes.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint)) parts.Add("struct");
            else if (attributes.HasFlag(GenericParameterAttributes.ReferenceTypeConstraint)) parts.Add("class");
            parts.AddRange(argument.GetGenericParameterConstraints().Where(c => c != typeof(ValueType)).Select(c => TypeName(c)));
            if (attributes.HasFlag(GenericParameterAttributes.DefaultConstructorConstraint)
                && !attributes.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint)) parts.Add("new()");
            if (parts.Count > 0) clauses.Add($" where {argument.Name} : {string.Join(", ", parts)}");
        }
        return string.Concat(clauses);
    }

    /// <summary>C# spelling of a type, with nullable reference annotations when <paramref name="nullability"/> is given.</summary>
    private static string TypeName(Type type, NullabilityInfo? nullability = null)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
            return TypeName(inner, nullability?.GenericTypeArguments.FirstOrDefault()) + "?";
        var mark = nullability is { ReadState: NullabilityState.Nullable } && !type.IsValueType ? "?" : "";
        if (type.IsArray)
            return TypeName(type.GetElementType()!, nullability?.ElementType) + "[" + new string(',', type.GetArrayRank() - 1) + "]" + mark;
        if (type.IsPointer) return TypeName(type.GetElementType()!) + "*";
        if (type.IsGenericParameter) return type.Name + mark;
        if (Keywords.TryGetValue(type, out var keyword)) return keyword + mark;
        if (type.IsGenericType)
        {
            var arguments = type.GetGenericArguments();
            var argumentInfo = nullability?.GenericTypeArguments;
            var rendered = arguments.Select((a, i) => TypeName(a, argumentInfo is { Length: > 0 } && i < argumentInfo.Length ? argumentInfo[i] : null));
            if (type.FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true)
                return "(" + string.Join(", ", rendered) + ")" + mark;
            return QualifiedName(type.GetGenericTypeDefinition()) + "<" + string.Join(", ", rendered) + ">" + mark;
        }
        return QualifiedName(type) + mark;
    }

    /// <summary>Namespace-qualified name without arity suffixes; nested types joined with a dot.</summary>
    private static string QualifiedName(Type type)
    {
        var name = type.Name.Split('`')[0];
        if (type.IsNested) return QualifiedName(type.DeclaringType!) + "." + name;
        return string.IsNullOrEmpty(type.Namespace) ? name : type.Namespace + "." + name;
    }

    private static string TypeDisplayName(Type type)
    {
        var name = QualifiedName(type);
        return type.IsGenericTypeDefinition
            ? name + "<" + string.Join(", ", type.GetGenericArguments().Select(a => a.Name)) + ">"
            : name;
    }

    private static string Access(MethodBase method) =>
        method.IsPublic ? "public " : method.IsFamilyOrAssembly ? "protected internal " : "protected ";

    private static string Access(FieldInfo field) =>
        field.IsPublic ? "public " : field.IsFamilyOrAssembly ? "protected internal " : "protected ";

    private static string AccessorAccess(PropertyInfo property, MethodInfo accessor)
    {
        var main = Accessors(property).Where(IsVisible).OrderByDescending(m => m.IsPublic).First();
        return Access(accessor) == Access(main) ? "" : Access(accessor);
    }

    private static string Modifiers(MethodInfo method)
    {
        if (method.IsStatic) return "static ";
        if (method.DeclaringType!.IsInterface) return "";
        if (method.IsAbstract) return "abstract ";
        var isOverride = method.IsVirtual && method.GetBaseDefinition().DeclaringType != method.DeclaringType;
        if (isOverride) return method.IsFinal ? "sealed override " : "override ";
        if (method.IsVirtual && !method.IsFinal) return "virtual ";
        return "";
    }

    private static bool IsVisible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    private static bool IsVisible(FieldInfo field) => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly;

    private static bool IsAccessor(MethodInfo method) =>
        method.IsSpecialName && (method.Name.StartsWith("get_", StringComparison.Ordinal)
                                 || method.Name.StartsWith("set_", StringComparison.Ordinal)
                                 || method.Name.StartsWith("add_", StringComparison.Ordinal)
                                 || method.Name.StartsWith("remove_", StringComparison.Ordinal));

    private static IEnumerable<MethodInfo> Accessors(PropertyInfo property) =>
        new[] { property.GetMethod, property.SetMethod }.OfType<MethodInfo>();

    private static bool IsDelegate(Type type) => typeof(Delegate).IsAssignableFrom(type.BaseType);

    private static bool IsRecord(Type type) =>
        type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null
        || (type.IsValueType && type.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance) is not null)
        || (type.IsValueType && type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null);

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void", [typeof(object)] = "object", [typeof(string)] = "string", [typeof(bool)] = "bool",
        [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte", [typeof(short)] = "short", [typeof(ushort)] = "ushort",
        [typeof(int)] = "int", [typeof(uint)] = "uint", [typeof(long)] = "long", [typeof(ulong)] = "ulong",
        [typeof(float)] = "float", [typeof(double)] = "double", [typeof(decimal)] = "decimal", [typeof(char)] = "char",
        [typeof(nint)] = "nint", [typeof(nuint)] = "nuint",
    };
}
