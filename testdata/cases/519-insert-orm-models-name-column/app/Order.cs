[Table("orders")]
public class Order
{
    public long Id { get; set; }
    [Required] public string? Region { get; set; }
}
