namespace AutoMode.Core.Validation;

/// <summary>
/// Go-style durations as Kubernetes CRD patterns allow them: one or more <c>&lt;digits&gt;(s|m|h)</c> segments,
/// e.g. <c>336h</c>, <c>1h30m</c>, <c>0s</c>. No fractions, no ms/us/ns, no sign: exactly <c>^([0-9]+(s|m|h))+$</c>.
/// </summary>
public static class KubeDuration
{
    /// <summary>Karpenter's word for "no expiry" / "no consolidation".</summary>
    public const string Never = "Never";

    // Go's time.Duration is int64 nanoseconds; CEL duration() fails beyond it, so the parser does too.
    private const long MaxSeconds = long.MaxValue / 1_000_000_000;

    /// <summary>Parses <paramref name="text"/>; false on any syntax error or when it exceeds Go's int64 nanoseconds.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        long totalSeconds = 0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            long number = 0;
            while (i < text.Length && text[i] is >= '0' and <= '9')
            {
                if (number > MaxSeconds)
                {
                    return false;
                }

                number = (number * 10) + (text[i] - '0');
                i++;
            }

            if (i == start || i == text.Length)
            {
                return false;
            }

            long unit = text[i] switch
            {
                's' => 1,
                'm' => 60,
                'h' => 3600,
                _ => 0,
            };
            if (unit == 0 || number > MaxSeconds / unit)
            {
                return false;
            }

            totalSeconds += number * unit;
            if (totalSeconds > MaxSeconds)
            {
                return false;
            }

            i++;
        }

        duration = TimeSpan.FromSeconds(totalSeconds);
        return true;
    }

    /// <summary>True for a valid duration or the literal <c>Never</c>.</summary>
    public static bool IsDurationOrNever(string? text) => text == Never || TryParse(text, out _);
}
